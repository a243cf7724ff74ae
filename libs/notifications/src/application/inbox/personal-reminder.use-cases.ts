import { Injectable } from '@nestjs/common';
import { Clock, Transactions } from '@techtrek/platform';
import { isStoredId } from '@techtrek/platform/kernel';
import {
  InvalidReminderTimeError,
  NotificationNotCancellableError,
  NotificationNotFoundError,
} from '../../domain/inbox/inbox.errors.js';
import { reminderTimeProblem } from '../../domain/inbox/reminder-window.js';
import { NotificationSender } from '../delivery/notification-sender.js';
import { InboxRepository, type InboxItem } from './inbox.repository.js';

export interface PersonalReminderRequest {
  userId: number;
  title: string;
  body: string;
  scheduledTime: Date;
}

/** POST /notifications: a reminder the learner sets for themselves, delivered like any other. */
@Injectable()
export class SchedulePersonalReminderUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly sender: NotificationSender,
    private readonly inbox: InboxRepository,
  ) {}

  async execute(request: PersonalReminderRequest): Promise<InboxItem> {
    const problem = reminderTimeProblem(request.scheduledTime, this.clock.now());
    if (problem) throw new InvalidReminderTimeError(problem);
    return this.transactions.run(async () => {
      const [id] = await this.sender.send([
        {
          userId: request.userId,
          kind: 'personal_reminder',
          title: request.title,
          body: request.body,
          deliverAt: request.scheduledTime,
        },
      ]);
      return (await this.inbox.find(request.userId, id!))!;
    });
  }
}

/** PATCH /notifications/:id/read; marking again keeps the first time. */
@Injectable()
export class MarkNotificationReadUseCase {
  constructor(
    private readonly clock: Clock,
    private readonly inbox: InboxRepository,
  ) {}

  async execute(userId: number, id: number): Promise<InboxItem> {
    const item = isStoredId(id) ? await this.inbox.markRead(userId, id, this.clock.now()) : undefined;
    if (!item) throw new NotificationNotFoundError();
    return item;
  }
}

/**
 * DELETE /notifications/:id: cancels a notification still waiting for its time (cancelling one
 * already cancelled is a no-op). Its delayed delivery job stays queued: delivery sends only rows
 * still `scheduled`, so it ends as a no-op.
 */
@Injectable()
export class CancelNotificationUseCase {
  constructor(private readonly inbox: InboxRepository) {}

  async execute(userId: number, id: number): Promise<void> {
    const status = isStoredId(id) ? await this.inbox.cancel(userId, id) : undefined;
    if (status === undefined) throw new NotificationNotFoundError();
    if (status !== 'cancelled') throw new NotificationNotCancellableError(status);
  }
}
