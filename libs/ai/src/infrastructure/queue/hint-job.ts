import type { JobsOptions } from 'bullmq';
import type { JobRoute } from '@techtrek/platform';

export const GENERATE_HINT_JOB: JobRoute = { queue: 'hints', job: 'hint.generate' };

export interface GenerateHintPayload {
  requestId: number;
}

/** One retry, soon: a learner is waiting. The writer itself never fails for a provider's failure. */
export const GENERATE_HINT_ATTEMPTS = 2;

export const GENERATE_HINT_JOB_OPTIONS: JobsOptions = {
  attempts: GENERATE_HINT_ATTEMPTS,
  backoff: { type: 'fixed', delay: 500 },
};

export const hintJobId = (requestId: number): string => `hint-${requestId}`;
