import { Controller, Get, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@techtrek/platform';
import { LessonCatalogueQuery } from '../../application/lesson-catalogue.query.js';
import { CatalogueCacheHeadersInterceptor } from './catalogue-cache-headers.interceptor.js';
import type { TopicDto } from './dto/lesson-responses.dto.js';

@ApiTags('catalogue')
@Public()
@UseInterceptors(CatalogueCacheHeadersInterceptor)
@Controller('topics')
export class TopicsController {
  constructor(private readonly catalogue: LessonCatalogueQuery) {}

  /** Topics in curriculum order, with their number of published lessons; topics without any are left out. */
  @Get()
  list(): Promise<TopicDto[]> {
    return this.catalogue.topics();
  }
}
