import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type Mixpanel from 'mixpanel';
import type { ProductEvent } from '../../domain/product-event.js';
import { MixpanelAnalyticsSink } from './mixpanel-analytics.sink.js';

type BatchCallback = (errors: Error[] | undefined) => void;

/** Stands in for the package's client: records each batch and answers when told to. */
class FakeClient {
  readonly batches: Mixpanel.Event[][] = [];
  readonly callbacks: BatchCallback[] = [];

  track_batch(events: Mixpanel.Event[], callback: BatchCallback): void {
    this.batches.push(events);
    this.callbacks.push(callback);
  }

  answer(index: number, errors?: Error[]): void {
    this.callbacks[index]!(errors);
  }
}

const event = (insertId: string): ProductEvent => ({
  name: 'badge_earned',
  distinctId: '42',
  insertId,
  time: new Date('2026-12-01T09:35:00.123Z'),
  properties: { badge: 'first_lesson' },
});

const sinkOver = (client: FakeClient, timeoutMs = 1_000) =>
  new MixpanelAnalyticsSink(client as unknown as Mixpanel.Mixpanel, timeoutMs);

describe('MixpanelAnalyticsSink', () => {
  it('sends each event with distinct_id, its own time in ms and $insert_id, and resolves when Mixpanel accepts', async () => {
    const client = new FakeClient();
    const sent = sinkOver(client).track([event('6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b')]);
    client.answer(0);
    await sent;

    expect(client.batches).toEqual([
      [
        {
          event: 'badge_earned',
          properties: {
            badge: 'first_lesson',
            distinct_id: '42',
            time: Date.parse('2026-12-01T09:35:00.123Z'),
            $insert_id: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
          },
        },
      ],
    ]);
  });

  it('fails when Mixpanel refuses the batch, so the job retries it', async () => {
    const client = new FakeClient();
    const sent = sinkOver(client).track([event('a')]);
    client.answer(0, [new Error('Mixpanel Server Error: fake')]);

    await expect(sent).rejects.toThrow('Mixpanel Server Error: fake');
  });

  it('fails at its deadline when Mixpanel does not answer', async () => {
    const client = new FakeClient();

    await expect(sinkOver(client, 50).track([event('a')])).rejects.toThrow('did not answer within 50 ms');
  });

  it('stops sending while too many requests are unanswered, and sends again as they end', async () => {
    const client = new FakeClient();
    const sink = sinkOver(client, 10);
    for (let i = 0; i < 8; i += 1) await expect(sink.track([event(`e${i}`)])).rejects.toThrow('did not answer');

    await expect(sink.track([event('refused')])).rejects.toThrow('8 requests unanswered');
    expect(client.batches).toHaveLength(8);

    // A late answer frees one place, once: a second callback of the same request (an error after the response) does not.
    client.answer(0);
    client.answer(0, [new Error('socket hang up')]);
    await expect(sink.track([event('late')])).rejects.toThrow('did not answer');
    expect(client.batches).toHaveLength(9);
    await expect(sink.track([event('refused-again')])).rejects.toThrow('8 requests unanswered');
  });

  it('sends nothing for no events', async () => {
    const client = new FakeClient();
    await sinkOver(client).track([]);

    expect(client.batches).toHaveLength(0);
  });
});

describe('MixpanelAnalyticsSink.forget (erasure)', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const deletionsAnswering = (answer: () => Promise<string[]>) => {
    const requested: (readonly string[])[] = [];
    return {
      requested,
      request: (ids: readonly string[]) => {
        requested.push(ids);
        return answer();
      },
    };
  };

  it('asks Mixpanel to delete the learners and says which task took it', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const deletions = deletionsAnswering(async () => ['task-7']);
    const sink = new MixpanelAnalyticsSink(new FakeClient() as unknown as Mixpanel.Mixpanel, 1_000, deletions);

    await sink.forget(['42']);

    expect(deletions.requested).toEqual([['42']]);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/erased learners 42 \(task task-7\)/));
  });

  it('fails when Mixpanel did not take the request, so the job retries', async () => {
    const deletions = deletionsAnswering(async () => {
      throw new Error('Mixpanel refused the deletion request (HTTP 503): busy');
    });
    const sink = new MixpanelAnalyticsSink(new FakeClient() as unknown as Mixpanel.Mixpanel, 1_000, deletions);

    await expect(sink.forget(['42'])).rejects.toThrow('HTTP 503');
  });

  it('without a GDPR token, warns with the learner to delete by hand, and sends nothing', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const client = new FakeClient();

    await sinkOver(client).forget(['42']);

    expect(warned).toHaveBeenCalledWith(
      expect.stringMatching(/Learners 42 were erased.*MIXPANEL_GDPR_TOKEN is not set/),
    );
    expect(client.batches).toHaveLength(0);
  });

  it('asks nothing for no learners', async () => {
    const deletions = deletionsAnswering(async () => ['never']);
    await new MixpanelAnalyticsSink(new FakeClient() as unknown as Mixpanel.Mixpanel, 1_000, deletions).forget([]);

    expect(deletions.requested).toHaveLength(0);
  });
});
