import { Controller, Get, Param, ParseIntPipe, Query, UseInterceptors } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Public, RequestValidationError } from '@techtrek/platform';
import { LessonCatalogueQuery } from '../../application/lesson-catalogue.query.js';
import { CatalogueCacheHeadersInterceptor } from './catalogue-cache-headers.interceptor.js';
import { ListLessonsQueryDto } from './dto/lesson-requests.dto.js';
import type { LessonDetailDto, LessonPageDto } from './dto/lesson-responses.dto.js';

const lessonId = new ParseIntPipe({
  exceptionFactory: () => new RequestValidationError([{ field: 'id', message: 'must be an integer' }]),
});

@ApiTags('catalogue')
@Public()
@UseInterceptors(CatalogueCacheHeadersInterceptor)
@Controller('lessons')
export class LessonsController {
  constructor(private readonly catalogue: LessonCatalogueQuery) {}

  /**
   * Published lessons ordered by topic (curriculum order), then sequence. Cursor pagination: pages
   * already read never shift when lessons are added. An unknown topic gives an empty list.
   */
  @Get()
  list(@Query() query: ListLessonsQueryDto): Promise<LessonPageDto> {
    return this.catalogue.lessons(query);
  }

  /** A published lesson with its exercises, without answers or explanations. Drafts are 404. */
  @Get(':id')
  @ApiParam({ name: 'id', type: 'integer', example: 13 })
  detail(@Param('id', lessonId) id: number): Promise<LessonDetailDto> {
    return this.catalogue.lesson(id);
  }
}
