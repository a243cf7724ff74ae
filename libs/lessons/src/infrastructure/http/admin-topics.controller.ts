import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@techtrek/auth';
import { ReorderTopicLessonsUseCase } from '../../application/reorder-topic-lessons.use-case.js';
import { ReorderTopicRequestDto } from './dto/admin-lesson-requests.dto.js';
import type { TopicOrderDto } from './dto/admin-lesson-responses.dto.js';
import { ApiProblemResponses } from '@techtrek/platform';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/topics')
@ApiProblemResponses(403, 404, 409)
export class AdminTopicsController {
  constructor(private readonly reorderLessons: ReorderTopicLessonsUseCase) {}

  /**
   * Puts the topic's lessons in the order given, atomically. The list must name every lesson of
   * the topic (drafts too) exactly once: 409 when one was added or removed since you read it.
   */
  @Put(':topic/order')
  @ApiParam({ name: 'topic', type: 'string', example: 'apis' })
  reorder(
    @CurrentPrincipal() principal: Principal,
    @Param('topic') topic: string,
    @Body() body: ReorderTopicRequestDto,
  ): Promise<TopicOrderDto> {
    return this.reorderLessons.execute({ actorId: principal.userId, topic, lessonIds: body.lessonIds });
  }
}
