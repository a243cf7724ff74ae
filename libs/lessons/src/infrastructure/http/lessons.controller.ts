import { Controller, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public, RequestValidationError, ApiProblemResponses } from '@techtrek/platform';
import type { FastifyReply } from 'fastify';
import { CachedLessonCatalogue } from '../../application/cached-lesson-catalogue.js';
import { ApiNotModifiedResponse, asCatalogueAnswer } from './catalogue-cache-headers.js';
import { ListLessonsQueryDto } from './dto/lesson-requests.dto.js';
import { LessonDetailDto, LessonPageDto } from './dto/lesson-responses.dto.js';

const lessonId = new ParseIntPipe({
  exceptionFactory: () => new RequestValidationError([{ field: 'id', message: 'must be an integer' }]),
});

@ApiTags('catalogue')
@Public()
@Controller('lessons')
export class LessonsController {
  constructor(private readonly catalogue: CachedLessonCatalogue) {}

  /**
   * Published lessons ordered by topic (curriculum order), then sequence. Cursor pagination: pages
   * already read never shift when lessons are added. An unknown topic gives an empty list.
   */
  @Get()
  @ApiOkResponse({ type: LessonPageDto })
  @ApiNotModifiedResponse()
  list(@Query() query: ListLessonsQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.catalogue.lessons(query).then((body) => asCatalogueAnswer(reply, body));
  }

  /** A published lesson with its exercises, without answers or explanations. Drafts are 404. */
  @Get(':id')
  @ApiProblemResponses(404)
  @ApiParam({ name: 'id', type: 'integer', example: 13 })
  @ApiOkResponse({ type: LessonDetailDto })
  @ApiNotModifiedResponse()
  detail(@Param('id', lessonId) id: number, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.catalogue.lesson(id).then((body) => asCatalogueAnswer(reply, body));
  }
}
