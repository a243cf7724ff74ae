import { Module } from '@nestjs/common';
import { sqlPersonalDataSection } from '@techtrek/auth';
import { HintJobs } from './application/hint-jobs.js';
import { HintStatsReader } from './application/hint-stats.reader.js';
import { HintQuery } from './application/hint.query.js';
import { RequestHintUseCase } from './application/request-hint.use-case.js';
import { AiModule } from './ai.module.js';
import { AdminAiStatsController } from './infrastructure/http/admin-ai-stats.controller.js';
import { HintsController } from './infrastructure/http/hints.controller.js';
import { SqlHintStatsReader } from './infrastructure/persistence/sql-hint-stats.reader.js';
import { BullMqHintJobs } from './infrastructure/queue/bullmq-hint-jobs.js';

/** /ai/hint and /admin/ai/stats for the API app, and the learner's hint requests in their data export. */
@Module({
  imports: [AiModule],
  controllers: [HintsController, AdminAiStatsController],
  providers: [
    RequestHintUseCase,
    HintQuery,
    { provide: HintJobs, useClass: BullMqHintJobs },
    { provide: HintStatsReader, useClass: SqlHintStatsReader },
    sqlPersonalDataSection(
      'hintRequests',
      `SELECT hint_request_id AS "id", lesson_id AS "lessonId", exercise_id AS "exerciseId", level, question,
              user_answer AS "userAnswer", status, hint, provider, model, cached, helpful,
              created_at AS "createdAt", completed_at AS "completedAt"
       FROM hint_requests WHERE user_id = $1 ORDER BY hint_request_id`,
    ),
  ],
})
export class AiHttpModule {}
