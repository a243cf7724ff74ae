import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@techtrek/platform';
import type { FastifyReply } from 'fastify';
import { CachedLessonCatalogue } from '../../application/cached-lesson-catalogue.js';
import { ApiNotModifiedResponse, asCatalogueAnswer } from './catalogue-cache-headers.js';
import { TopicDto } from './dto/lesson-responses.dto.js';

@ApiTags('catalogue')
@Public()
@Controller('topics')
export class TopicsController {
  constructor(private readonly catalogue: CachedLessonCatalogue) {}

  /** Topics in curriculum order, with their number of published lessons; topics without any are left out. */
  @Get()
  @ApiOkResponse({ type: [TopicDto] })
  @ApiNotModifiedResponse()
  list(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.catalogue.topics().then((body) => asCatalogueAnswer(reply, body));
  }
}
