import { Module } from '@nestjs/common';
import { jobHandler, outboxRoute } from '@techtrek/platform';
import { PRODUCT_EVENT_SOURCES } from './application/product-event-sources.js';
import { TrackProductEventUseCase } from './application/track-product-event.use-case.js';
import { PRODUCT_EVENT_NAMES } from './domain/product-event.js';
import { trackJob, trackJobHandler } from './infrastructure/queue/track-product-event.job-handler.js';
import { analyticsSinkProvider } from './infrastructure/sinks/analytics-sink.provider.js';

/**
 * Product analytics (issue #8), for both apps: routes the four source events to the `analytics`
 * queue, so the API may record them and the worker relays them.
 */
@Module({
  providers: PRODUCT_EVENT_NAMES.map((name) => outboxRoute(PRODUCT_EVENT_SOURCES[name], trackJob(name))),
})
export class AnalyticsModule {}

/** For the worker: the jobs that map each event and send it to Mixpanel, or to the log. */
@Module({
  imports: [AnalyticsModule],
  providers: [
    analyticsSinkProvider,
    TrackProductEventUseCase,
    ...PRODUCT_EVENT_NAMES.flatMap((name) => jobHandler(trackJob(name), trackJobHandler(name))),
  ],
})
export class AnalyticsWorkerModule {}
