import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type Mixpanel from 'mixpanel';
import { AnalyticsSink } from '../../application/analytics-sink.js';
import type { ProductEvent } from '../../domain/product-event.js';
import type { MixpanelDataDeletions } from './mixpanel-data-deletions.js';

/**
 * Requests Mixpanel may leave unanswered before sends stop: the package cannot abort a request, so
 * one that outlives its deadline keeps its socket until Mixpanel answers or drops it.
 */
const MAX_UNANSWERED = 8;

/**
 * Sends product events through the official `mixpanel` package (`track_batch`: a POST to /track,
 * form-encoded `data` = base64 JSON, up to 50 events a request). Each event carries `$insert_id`
 * = the outbox event's id and the fact's own time, so a retried job is counted once by Mixpanel.
 * The package sets no time limit of its own: a send that takes longer than `timeoutMs` counts as
 * failed (the job retries it later) instead of holding one of the queue's few slots. Erasure goes
 * through Mixpanel's GDPR API when a GDPR token is configured (`deletions`).
 */
export class MixpanelAnalyticsSink extends AnalyticsSink {
  readonly name = 'mixpanel';
  private unanswered = 0;
  private readonly logger = new Logger('Analytics');

  constructor(
    private readonly client: Pick<Mixpanel.Mixpanel, 'track_batch'>,
    private readonly timeoutMs: number,
    private readonly deletions?: Pick<MixpanelDataDeletions, 'request'>,
  ) {
    super();
  }

  async forget(distinctIds: readonly string[]): Promise<void> {
    if (distinctIds.length === 0) return;
    if (!this.deletions) {
      this.logger.warn(
        `Learners ${distinctIds.join(', ')} were erased, but Mixpanel keeps their product events: ` +
          'MIXPANEL_GDPR_TOKEN is not set, so request their deletion in Mixpanel (distinct ids above)',
      );
      return;
    }
    const taskIds = await this.deletions.request(distinctIds);
    this.logger.log(
      `Asked Mixpanel to delete the data of erased learners ${distinctIds.join(', ')} (task ${taskIds.join(', ')})`,
    );
  }

  async track(events: readonly ProductEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (this.unanswered >= MAX_UNANSWERED) {
      throw new Error(`Mixpanel has ${this.unanswered} requests unanswered; nothing more is sent until they end`);
    }
    const deadline = new AbortController();
    try {
      await Promise.race([
        this.send(events.map(toMixpanelEvent)),
        sleep(this.timeoutMs, undefined, { signal: deadline.signal }).then(() => {
          throw new Error(`Mixpanel did not answer within ${this.timeoutMs} ms`);
        }),
      ]);
    } finally {
      deadline.abort();
    }
  }

  private send(events: Mixpanel.Event[]): Promise<void> {
    this.unanswered += 1;
    let answered = false;
    return new Promise((resolve, reject) => {
      this.client.track_batch(events, (errors) => {
        // Once: a socket error after the response would call back a second time.
        if (answered) return;
        answered = true;
        this.unanswered -= 1;
        if (errors && errors.length > 0) reject(errors[0]);
        else resolve();
      });
    });
  }
}

function toMixpanelEvent({ name, distinctId, insertId, time, properties }: ProductEvent): Mixpanel.Event {
  return {
    event: name,
    properties: { ...properties, distinct_id: distinctId, time: time.getTime(), $insert_id: insertId },
  };
}
