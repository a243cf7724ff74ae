import { Logger } from '@nestjs/common';
import { AnalyticsSink } from '../../application/analytics-sink.js';
import type { ProductEvent } from '../../domain/product-event.js';

/**
 * The default when no Mixpanel token is configured: one structured log line per product event,
 * so development and self-hosted installs still see them (and a log pipeline can count them).
 */
export class LogAnalyticsSink extends AnalyticsSink {
  readonly name = 'log';
  private readonly logger = new Logger('Analytics');

  async track(events: readonly ProductEvent[]): Promise<void> {
    for (const { name, distinctId, insertId, time, properties } of events) {
      this.logger.log(
        { productEvent: { name, distinctId, insertId, time: time.toISOString(), properties } },
        `Product event ${name}`,
      );
    }
  }

  /** Nothing was sent anywhere: the log lines go with the log's own retention. */
  async forget(distinctIds: readonly string[]): Promise<void> {
    if (distinctIds.length === 0) return;
    this.logger.log(`Learners ${distinctIds.join(', ')} were erased; no analytics tool holds their events`);
  }
}
