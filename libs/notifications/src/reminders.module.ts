import { Module } from '@nestjs/common';
import { AccountsModule } from '@techtrek/auth';
import { ReminderEnrolment } from './application/reminders/reminder-enrolment.js';
import { SqlReminderEnrolment } from './infrastructure/persistence/sql-reminder-enrolment.js';
import { NotificationsModule } from './notifications.module.js';

/** Preferences, daily reminder schedules and milestone alerts; declares their event routes (both apps). */
@Module({
  imports: [AccountsModule, NotificationsModule],
  providers: [{ provide: ReminderEnrolment, useClass: SqlReminderEnrolment }],
  exports: [ReminderEnrolment],
})
export class RemindersModule {}

/** For the API: GET and PUT /notifications/preferences. */
@Module({ imports: [RemindersModule] })
export class RemindersHttpModule {}

/** For the worker: the reminder scheduler, reminder jobs and milestone alerts. */
@Module({ imports: [RemindersModule] })
export class RemindersWorkerModule {}
