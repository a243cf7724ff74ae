export { AnalyticsModule, AnalyticsWorkerModule } from './analytics.module.js';
export { AnalyticsSink } from './application/analytics-sink.js';
export { PRODUCT_EVENT_NAMES, type ProductEvent, type ProductEventName } from './domain/product-event.js';
