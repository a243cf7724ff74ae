import { Module } from '@nestjs/common';
import { sqlPersonalDataSection } from '@techtrek/auth';

/**
 * Learners' progress per lesson. Attempts, grading and XP arrive with the progress issue; today the
 * module declares what it stores about a person for the data export.
 */
@Module({
  providers: [
    sqlPersonalDataSection(
      'progress',
      `SELECT lesson_id AS "lessonId", completion_status AS "completionStatus", score::float AS "bestScore",
              completed_at AS "completedAt"
       FROM progress WHERE user_id = $1 ORDER BY lesson_id`,
    ),
  ],
})
export class ProgressModule {}
