import { Module } from '@nestjs/common';
import { AccountsModule, TIME_ZONE_CHANGED_EVENT } from '@techtrek/auth';
import { GAMIFICATION_EVENT_TYPES, StreakStatusModule } from '@techtrek/gamification';
import { jobHandler, outboxRoute } from '@techtrek/platform';
import { MilestoneAlerts } from './application/milestones/milestone-alerts.js';
import { PreferencesRepository } from './application/preferences/preferences.repository.js';
import { GetPreferencesQuery, UpdatePreferencesUseCase } from './application/preferences/preferences.use-cases.js';
import { ReminderClaims, ReminderJobQueue } from './application/reminders/reminder-claims.js';
import { ReminderEnrolment } from './application/reminders/reminder-enrolment.js';
import {
  PRACTICE_DAY_JOB,
  REMINDER_TICK_JOB,
  SEND_REMINDER_JOB,
  TIME_ZONE_JOB,
} from './application/reminders/reminder-jobs.js';
import { ReminderScheduleStore } from './application/reminders/reminder-schedule.store.js';
import { ReminderScheduler } from './application/reminders/reminder-scheduler.js';
import { RunReminderTickUseCase } from './application/reminders/reminder-tick.use-case.js';
import { SendReminderUseCase } from './application/reminders/send-reminder.use-case.js';
import { PreferencesController } from './infrastructure/http/preferences/preferences.controller.js';
import { SqlPreferencesRepository } from './infrastructure/persistence/sql-preferences.repository.js';
import { SqlReminderClaims } from './infrastructure/persistence/sql-reminder-claims.js';
import { SqlReminderEnrolment } from './infrastructure/persistence/sql-reminder-enrolment.js';
import { SqlReminderScheduleStore } from './infrastructure/persistence/sql-reminder-schedule.store.js';
import { MILESTONE_ROUTES, MilestoneAlertJobHandler } from './infrastructure/queue/milestone-alert.job-handler.js';
import {
  PracticeDayJobHandler,
  ReminderTickJobHandler,
  SendReminderJobHandler,
  TimeZoneChangedJobHandler,
} from './infrastructure/queue/reminder-job-handlers.js';
import { BullReminderJobQueue } from './infrastructure/queue/reminder-job-queue.js';
import { ReminderTickScheduler } from './infrastructure/queue/reminder-tick.scheduler.js';
import { NotificationsModule } from './notifications.module.js';

/**
 * Preferences, daily reminder schedules and milestone alerts (both apps). It declares the event
 * routes, which the API needs to record the events and the worker to relay them: a practised day
 * and a zone change move a learner's schedule; badges, levels and streak milestones become alerts.
 */
@Module({
  imports: [AccountsModule, StreakStatusModule, NotificationsModule],
  providers: [
    ReminderScheduler,
    { provide: ReminderScheduleStore, useClass: SqlReminderScheduleStore },
    { provide: PreferencesRepository, useClass: SqlPreferencesRepository },
    { provide: ReminderEnrolment, useClass: SqlReminderEnrolment },
    outboxRoute(GAMIFICATION_EVENT_TYPES.practiceDayCounted, PRACTICE_DAY_JOB),
    outboxRoute(TIME_ZONE_CHANGED_EVENT, TIME_ZONE_JOB),
    ...MILESTONE_ROUTES.map(([eventType, route]) => outboxRoute(eventType, route)),
  ],
  exports: [ReminderEnrolment, ReminderScheduler, PreferencesRepository],
})
export class RemindersModule {}

/** For the API: GET and PUT /notifications/preferences. */
@Module({
  imports: [RemindersModule, AccountsModule],
  controllers: [PreferencesController],
  providers: [GetPreferencesQuery, UpdatePreferencesUseCase],
})
export class RemindersHttpModule {}

/** For the worker: the minute tick and its scheduler, reminder jobs and milestone alerts. */
@Module({
  imports: [RemindersModule, AccountsModule, StreakStatusModule, NotificationsModule],
  providers: [
    RunReminderTickUseCase,
    SendReminderUseCase,
    MilestoneAlerts,
    { provide: ReminderClaims, useClass: SqlReminderClaims },
    { provide: ReminderJobQueue, useClass: BullReminderJobQueue },
    ReminderTickScheduler,
    ...jobHandler(REMINDER_TICK_JOB, ReminderTickJobHandler),
    ...jobHandler(SEND_REMINDER_JOB, SendReminderJobHandler),
    ...jobHandler(PRACTICE_DAY_JOB, PracticeDayJobHandler),
    ...jobHandler(TIME_ZONE_JOB, TimeZoneChangedJobHandler),
    ...MILESTONE_ROUTES.flatMap(([, route]) => jobHandler(route, MilestoneAlertJobHandler)),
  ],
  exports: [RunReminderTickUseCase, SendReminderUseCase],
})
export class RemindersWorkerModule {}
