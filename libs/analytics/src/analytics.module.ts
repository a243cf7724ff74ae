import { Module } from '@nestjs/common';
import { ACCOUNT_DELETED_EVENT } from '@techtrek/auth';
import { jobHandler, outboxRoute } from '@techtrek/platform';
import { ForgetErasedLearnerUseCase } from './application/forget-erased-learner.use-case.js';
import { PRODUCT_EVENT_SOURCES } from './application/product-event-sources.js';
import { TrackProductEventUseCase } from './application/track-product-event.use-case.js';
import { PRODUCT_EVENT_NAMES } from './domain/product-event.js';
import {
  FORGET_ERASED_LEARNER_JOB,
  ForgetErasedLearnerJobHandler,
} from './infrastructure/queue/forget-erased-learner.job-handler.js';
import { trackJob, trackJobHandler } from './infrastructure/queue/track-product-event.job-handler.js';
import { analyticsSinkProvider } from './infrastructure/sinks/analytics-sink.provider.js';

/**
 * Product analytics (issue #8), for both apps: routes the four source events, and account erasures,
 * to the `analytics` queue, so the API may record them and the worker relays them.
 */
@Module({
  providers: [
    ...PRODUCT_EVENT_NAMES.map((name) => outboxRoute(PRODUCT_EVENT_SOURCES[name], trackJob(name))),
    outboxRoute(ACCOUNT_DELETED_EVENT, FORGET_ERASED_LEARNER_JOB),
  ],
})
export class AnalyticsModule {}

/** For the worker: the jobs that map each event and send it to Mixpanel (or the log), and erasures. */
@Module({
  imports: [AnalyticsModule],
  providers: [
    analyticsSinkProvider,
    TrackProductEventUseCase,
    ForgetErasedLearnerUseCase,
    ...PRODUCT_EVENT_NAMES.flatMap((name) => jobHandler(trackJob(name), trackJobHandler(name))),
    ...jobHandler(FORGET_ERASED_LEARNER_JOB, ForgetErasedLearnerJobHandler),
  ],
})
export class AnalyticsWorkerModule {}
