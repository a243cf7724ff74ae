import { Inject, Injectable, Logger, type Type } from '@nestjs/common';
import { JobHandler, type JobContext, type JobRoute } from '@techtrek/platform';
import { TrackProductEventUseCase } from '../../application/track-product-event.use-case.js';
import { MalformedProductEventError } from '../../domain/product-event-mapping.js';
import type { ProductEventName } from '../../domain/product-event.js';

/**
 * Tries of a relayed job: the queues' default (QueuesModule: 5, exponential backoff from 2 s,
 * about 30 s in all). The last one drops the event instead of failing: analytics is best effort.
 */
export const ANALYTICS_TRIES = 5;

/**
 * One job per product event on the `analytics` queue: a relayed job carries its event's payload
 * but not its type, so the job's name says which product event the payload stands for.
 */
export const trackJob = (name: ProductEventName): JobRoute => ({
  queue: 'analytics',
  job: `analytics.track-${name.replaceAll('_', '-')}`,
});

const logger = new Logger('Analytics');

/**
 * The handler of `name`'s job: maps the payload and sends it. A failed send is retried by BullMQ
 * with backoff, then dropped with a warning; a payload that cannot make the event is dropped at
 * once (retrying cannot fix it). Either way no learner ever waits on it.
 */
export function trackJobHandler(name: ProductEventName): Type<JobHandler> {
  @Injectable()
  class TrackProductEventJobHandler extends JobHandler {
    constructor(@Inject(TrackProductEventUseCase) private readonly track: TrackProductEventUseCase) {
      super();
    }

    async handle(payload: unknown, context: JobContext): Promise<void> {
      try {
        await this.track.execute({ name, payload, eventId: context.id });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof MalformedProductEventError) {
          logger.warn(`Product event ${name} (event ${context.id}) dropped: ${reason}`);
        } else if (context.attempt >= ANALYTICS_TRIES) {
          logger.warn(`Product event ${name} (event ${context.id}) dropped after ${context.attempt} tries: ${reason}`);
        } else {
          throw error;
        }
      }
    }
  }
  const className = name.replace(/(^|_)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
  Object.defineProperty(TrackProductEventJobHandler, 'name', { value: `Track${className}JobHandler` });
  return TrackProductEventJobHandler;
}
