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
import { AdminLessonQuery } from '../../application/admin-lesson.query.js';
import { CreateLessonUseCase } from '../../application/create-lesson.use-case.js';
import { DeleteLessonUseCase } from '../../application/delete-lesson.use-case.js';
import type { LessonCommand } from '../../application/lesson-change-runner.js';
import { PublishLessonUseCase } from '../../application/publish-lesson.use-case.js';
import { UnpublishLessonUseCase } from '../../application/unpublish-lesson.use-case.js';
import { UpdateLessonUseCase } from '../../application/update-lesson.use-case.js';
import {
  CreateLessonRequestDto,
  ListAdminLessonsQueryDto,
  UpdateLessonRequestDto,
} from './dto/admin-lesson-requests.dto.js';
import type { AdminLessonDto, AdminLessonPageDto } from './dto/admin-lesson-responses.dto.js';

const lessonId = integerIdPipe();

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/lessons')
@ApiProblemResponses(403)
export class AdminLessonsController {
  constructor(
    private readonly query: AdminLessonQuery,
    private readonly createLesson: CreateLessonUseCase,
    private readonly updateLesson: UpdateLessonUseCase,
    private readonly deleteLesson: DeleteLessonUseCase,
    private readonly publishLesson: PublishLessonUseCase,
    private readonly unpublishLesson: UnpublishLessonUseCase,
  ) {}

  /** Every lesson, drafts included, in catalogue order (topic, then sequence); cursor pagination. */
  @Get()
  list(@Query() query: ListAdminLessonsQueryDto): Promise<AdminLessonPageDto> {
    return this.query.list(query);
  }

  /** Creates a draft. Exercise ids are assigned where absent. */
  @Post()
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateLessonRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminLessonDto> {
    const { topic, sequenceOrder, ...content } = body;
    const created = await this.createLesson.execute({
      actorId: principal.userId,
      topic,
      sequenceOrder,
      content: { ...content, media: content.media ?? [] },
    });
    return withRevisionTag(reply, created);
  }

  /** The working copy with its answer key and publishing state; the ETag is its revision. */
  @Get(':id')
  @ApiProblemResponses(404)
  @ApiParam({ name: 'id', type: 'integer', example: 13 })
  async read(
    @Param('id', lessonId) id: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminLessonDto> {
    return withRevisionTag(reply, await this.query.get(id));
  }

  /**
   * Edits the working copy (only the fields sent). A published lesson keeps showing its published
   * version to learners until it is published again.
   */
  @Patch(':id')
  @ApiProblemResponses(404, 409, 412)
  @ApiParam({ name: 'id', type: 'integer', example: 13 })
  @ApiHeader(IF_MATCH_HEADER)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', lessonId) id: number,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateLessonRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminLessonDto> {
    if (Object.keys(body).length === 0) {
      throw new RequestValidationError([{ field: 'body', message: 'must change at least one field' }]);
    }
    return withRevisionTag(
      reply,
      await this.updateLesson.execute({ ...command(principal, id, ifMatch), changes: { ...body } }),
    );
  }

  /** Deletes a lesson and its versions; 409 while learners have progress on it (unpublish instead). */
  @Delete(':id')
  @ApiProblemResponses(404, 409, 412)
  @HttpCode(204)
  @ApiParam({ name: 'id', type: 'integer', example: 13 })
  @ApiHeader(IF_MATCH_HEADER)
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', lessonId) id: number,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.deleteLesson.execute(command(principal, id, ifMatch));
  }

  /**
   * Freezes the working copy as a new immutable version and shows it to learners at once (cache
   * emptied, CDN purged). Publishing an unchanged, published lesson changes nothing.
   */
  @Post(':id/publish')
  @ApiProblemResponses(404, 409, 412)
  @HttpCode(200)
  @ApiParam({ name: 'id', type: 'integer', example: 13 })
  @ApiHeader(IF_MATCH_HEADER)
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Param('id', lessonId) id: number,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminLessonDto> {
    return withRevisionTag(reply, await this.publishLesson.execute(command(principal, id, ifMatch)));
  }

  /** Hides the lesson from learners at once; its versions and learners' history stay. */
  @Post(':id/unpublish')
  @ApiProblemResponses(404, 412)
  @HttpCode(200)
  @ApiParam({ name: 'id', type: 'integer', example: 13 })
  @ApiHeader(IF_MATCH_HEADER)
  async unpublish(
    @CurrentPrincipal() principal: Principal,
    @Param('id', lessonId) id: number,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminLessonDto> {
    return withRevisionTag(reply, await this.unpublishLesson.execute(command(principal, id, ifMatch)));
  }
}

function command(principal: Principal, lessonId: number, ifMatch: string | undefined): LessonCommand {
  return { actorId: principal.userId, lessonId, acceptedRevisions: revisionsFromIfMatch(ifMatch) };
}
