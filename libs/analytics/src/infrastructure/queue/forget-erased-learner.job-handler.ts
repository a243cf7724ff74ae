import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, type JobContext, type JobRoute } from '@techtrek/platform';
import { ForgetErasedLearnerUseCase } from '../../application/forget-erased-learner.use-case.js';
import { distinctIdOfErasedAccount } from '../../domain/erased-learner.js';
import { MalformedProductEventError } from '../../domain/product-event-mapping.js';
import { ANALYTICS_TRIES } from './track-product-event.job-handler.js';

/** Relayed from `auth.account_deleted`: the analytics tool forgets the erased learner. */
export const FORGET_ERASED_LEARNER_JOB: JobRoute = { queue: 'analytics', job: 'analytics.forget-erased-learner' };

/**
 * Unlike a product event, a deletion request is never dropped: a failed one is retried with
 * backoff, and after the last try the job stays in the queue's failed set (for BullMQ's retention
 * of failed jobs, a week: retry it from there), with an error naming the learner, whose id the log
 * keeps after that. Only a payload that names no learner is dropped at once.
 */
@Injectable()
export class ForgetErasedLearnerJobHandler extends JobHandler {
  private readonly logger = new Logger('Analytics');

  constructor(private readonly forget: ForgetErasedLearnerUseCase) {
    super();
  }

  async handle(payload: unknown, context: JobContext): Promise<void> {
    try {
      await this.forget.execute(payload);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof MalformedProductEventError) {
        this.logger.warn(`Erasure event ${context.id} dropped: ${reason}`);
        return;
      }
      if (context.attempt >= ANALYTICS_TRIES) {
        this.logger.error(
          `Erasure event ${context.id}: the analytics tool's deletion of learner ` +
            `${distinctIdOfErasedAccount(payload)} failed ${context.attempt} times (${reason}); ` +
            'the job stays failed in the analytics queue: retry it, or request the deletion by hand',
        );
      }
      throw error;
    }
  }
}
