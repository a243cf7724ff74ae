import { Controller, Get, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@techtrek/platform';
import { CachedLessonCatalogue } from '../../application/cached-lesson-catalogue.js';
import { CatalogueCacheHeadersInterceptor } from './catalogue-cache-headers.interceptor.js';
import { TopicDto } from './dto/lesson-responses.dto.js';

@ApiTags('catalogue')
@Public()
@UseInterceptors(CatalogueCacheHeadersInterceptor)
@Controller('topics')
export class TopicsController {
  constructor(private readonly catalogue: CachedLessonCatalogue) {}

  /** Topics in curriculum order, with their number of published lessons; topics without any are left out. */
  @Get()
  @ApiOkResponse({ type: [TopicDto] })
  list(): Promise<string> {
    return this.catalogue.topics();
  }
}
