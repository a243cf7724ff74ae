import { Injectable } from '@nestjs/common';
import { toProductEvent } from '../domain/product-event-mapping.js';
import type { ProductEventName } from '../domain/product-event.js';
import { AnalyticsSink } from './analytics-sink.js';

export interface PublishedFact {
  /** Which product event the source event stands for. */
  name: ProductEventName;
  /** The source event's payload, as its module wrote it to the outbox. */
  payload: unknown;
  /** The outbox event's id: the product event's insert id, the same on every retry. */
  eventId: string;
}

/** Turns one published fact into its product event and hands it to the configured sink. */
@Injectable()
export class TrackProductEventUseCase {
  constructor(private readonly sink: AnalyticsSink) {}

  async execute({ name, payload, eventId }: PublishedFact): Promise<void> {
    await this.sink.track([toProductEvent(name, payload, eventId)]);
  }
}
