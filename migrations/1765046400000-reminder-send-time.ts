import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The local time of day a learner's daily reminder goes out: their chosen time, or the end of the
 * quiet hours it falls in (NULL: no reminder on any day; reminders off, or quiet hours that only end
 * tomorrow). The notifications domain decides it whenever preferences change; stored so that the
 * minute tick can move thousands of schedules to their next day in one statement, computing each
 * instant as `(day + reminder_send_time) AT TIME ZONE time_zone` (PostgreSQL resolves DST gaps and
 * overlaps). Existing rows get it from their own preferences, in SQL this once.
 */
export class ReminderSendTime1765046400000 implements MigrationInterface {
  name = 'ReminderSendTime1765046400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification_preferences ADD COLUMN reminder_send_time time`);
    await queryRunner.query(`
      UPDATE notification_preferences SET reminder_send_time = CASE
        WHEN NOT reminder_enabled THEN NULL
        WHEN quiet_start IS NULL THEN reminder_local_time
        WHEN quiet_start < quiet_end AND reminder_local_time >= quiet_start AND reminder_local_time < quiet_end
          THEN quiet_end
        WHEN quiet_start > quiet_end AND reminder_local_time >= quiet_start THEN NULL
        WHEN quiet_start > quiet_end AND reminder_local_time < quiet_end THEN quiet_end
        ELSE reminder_local_time END`);
    await queryRunner.query(`
      ALTER TABLE notification_preferences
        ADD CONSTRAINT notification_preferences_scheduled_needs_send_time
          CHECK (reminder_due_at IS NULL OR reminder_send_time IS NOT NULL),
        ADD CONSTRAINT notification_preferences_quiet_hours_not_empty
          CHECK (quiet_start IS DISTINCT FROM quiet_end OR quiet_start IS NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE notification_preferences
        DROP CONSTRAINT notification_preferences_quiet_hours_not_empty,
        DROP CONSTRAINT notification_preferences_scheduled_needs_send_time,
        DROP COLUMN reminder_send_time`);
  }
}
