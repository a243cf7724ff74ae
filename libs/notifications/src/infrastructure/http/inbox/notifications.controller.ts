import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@techtrek/auth';
import { integerIdPipe, Idempotent, PageQueryDto, ApiProblemResponses } from '@techtrek/platform';
import { NotificationFeedQuery } from '../../../application/inbox/notification-feed.query.js';
import {
  CancelNotificationUseCase,
  MarkNotificationReadUseCase,
  SchedulePersonalReminderUseCase,
} from '../../../application/inbox/personal-reminder.use-cases.js';
import { NotificationDto, NotificationFeedDto, SchedulePersonalReminderRequestDto } from './inbox.dto.js';

const notificationId = integerIdPipe();

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly feed: NotificationFeedQuery,
    private readonly schedule: SchedulePersonalReminderUseCase,
    private readonly markRead: MarkNotificationReadUseCase,
    private readonly cancel: CancelNotificationUseCase,
  ) {}

  /**
   * Your notifications, newest first by when they are due (scheduled ones ahead of now come
   * first), with how many delivered ones are unread. Cancelled ones are left out.
   */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<NotificationFeedDto> {
    return this.feed.page(principal.userId, query.cursor, query.limit);
  }

  /** Schedules a reminder for yourself, delivered to your devices at `scheduledTime`. */
  @Post()
  @ApiProblemResponses(409, 422)
  @HttpCode(201)
  @Idempotent()
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SchedulePersonalReminderRequestDto,
  ): Promise<NotificationDto> {
    return this.schedule.execute({
      userId: principal.userId,
      title: body.title,
      body: body.body,
      scheduledTime: new Date(body.scheduledTime),
    });
  }

  /** Marks one read; marking it again keeps the first `readAt`. */
  @Patch(':id/read')
  @ApiProblemResponses(404)
  @ApiParam({ name: 'id', type: 'integer', example: 4211 })
  read(@CurrentPrincipal() principal: Principal, @Param('id', notificationId) id: number): Promise<NotificationDto> {
    return this.markRead.execute(principal.userId, id);
  }

  /** Cancels one still scheduled (409 once it is being sent or was sent); cancelling twice is fine. */
  @Delete(':id')
  @ApiProblemResponses(404, 409)
  @HttpCode(204)
  @ApiParam({ name: 'id', type: 'integer', example: 4211 })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', notificationId) id: number): Promise<void> {
    await this.cancel.execute(principal.userId, id);
  }
}
