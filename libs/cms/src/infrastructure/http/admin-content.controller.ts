import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@techtrek/auth';
import {
  IF_MATCH_HEADER,
  integerIdPipe,
  RequestValidationError,
  revisionsFromIfMatch,
  withRevisionTag,
  ApiProblemResponses,
} from '@techtrek/platform';
import type { FastifyReply } from 'fastify';
import { ContentEntriesQuery } from '../../application/content-entries.query.js';
import { ContentEntryChanges, type ContentCommand } from '../../application/content-entry-changes.js';
import { CreateContentRequestDto, ListContentQueryDto, UpdateContentRequestDto } from './dto/content-requests.dto.js';
import type { ContentEntryDto, ContentPageDto } from './dto/content-responses.dto.js';

const contentId = integerIdPipe();

function command(principal: Principal, id: number, ifMatch: string | undefined): ContentCommand {
  return { actorId: principal.userId, id, acceptedRevisions: revisionsFromIfMatch(ifMatch) };
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/content')
@ApiProblemResponses(403)
export class AdminContentController {
  constructor(
    private readonly query: ContentEntriesQuery,
    private readonly changes: ContentEntryChanges,
  ) {}

  /** CMS entries, newest first, optionally those of one lesson. */
  @Get()
  list(@Query() query: ListContentQueryDto): Promise<ContentPageDto> {
    return this.query.list(query);
  }

  /** Creates an entry, optionally attached to a lesson; the ETag is its revision. */
  @Post()
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateContentRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContentEntryDto> {
    const created = await this.changes.create(principal.userId, {
      title: body.title,
      description: body.description ?? '',
      lessonId: body.lessonId ?? null,
    });
    return withRevisionTag(reply, created);
  }

  /** The entry; its ETag is its revision. */
  @Get(':id')
  @ApiProblemResponses(404)
  @ApiParam({ name: 'id', type: 'integer', example: 5 })
  async read(
    @Param('id', contentId) id: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContentEntryDto> {
    return withRevisionTag(reply, await this.query.get(id));
  }

  /** Changes the fields sent; `lessonId: null` detaches the entry. */
  @Patch(':id')
  @ApiProblemResponses(404, 412)
  @ApiParam({ name: 'id', type: 'integer', example: 5 })
  @ApiHeader(IF_MATCH_HEADER)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', contentId) id: number,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateContentRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContentEntryDto> {
    if (Object.keys(body).length === 0) {
      throw new RequestValidationError([{ field: 'body', message: 'must change at least one field' }]);
    }
    return withRevisionTag(reply, await this.changes.update(command(principal, id, ifMatch), { ...body }));
  }

  /** Deletes the entry; with `If-Match`, only if nobody changed it since. */
  @Delete(':id')
  @ApiProblemResponses(404, 412)
  @HttpCode(204)
  @ApiParam({ name: 'id', type: 'integer', example: 5 })
  @ApiHeader(IF_MATCH_HEADER)
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', contentId) id: number,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.changes.delete(command(principal, id, ifMatch));
  }
}
