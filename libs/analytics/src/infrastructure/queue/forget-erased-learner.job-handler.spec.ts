import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { JobContext } from '@techtrek/platform';
import type { AnalyticsSink } from '../../application/analytics-sink.js';
import { ForgetErasedLearnerUseCase } from '../../application/forget-erased-learner.use-case.js';
import { FORGET_ERASED_LEARNER_JOB, ForgetErasedLearnerJobHandler } from './forget-erased-learner.job-handler.js';
import { ANALYTICS_TRIES } from './track-product-event.job-handler.js';

const context = (attempt: number): JobContext => ({ ...FORGET_ERASED_LEARNER_JOB, id: 'event-1', attempt });

function handlerOver(forget: AnalyticsSink['forget']) {
  const sink = { name: 'test', track: async () => undefined, forget } as unknown as AnalyticsSink;
  return new ForgetErasedLearnerJobHandler(new ForgetErasedLearnerUseCase(sink));
}

describe('ForgetErasedLearnerJobHandler', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('asks the sink to forget the erased account by its distinct id', async () => {
    const forgotten: (readonly string[])[] = [];
    await handlerOver(async (ids) => void forgotten.push(ids)).handle(
      { userId: 42, at: '2026-12-06T03:00:00Z' },
      context(1),
    );

    expect(forgotten).toEqual([['42']]);
  });

  it('fails a try the tool refused, so BullMQ retries it', async () => {
    const handler = handlerOver(async () => {
      throw new Error('HTTP 503');
    });

    await expect(handler.handle({ userId: 42 }, context(1))).rejects.toThrow('HTTP 503');
  });

  it('fails the last try too, with an error naming the event: a deletion request is never dropped', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const handler = handlerOver(async () => {
      throw new Error('HTTP 401');
    });

    await expect(handler.handle({ userId: 42 }, context(ANALYTICS_TRIES))).rejects.toThrow('HTTP 401');
    expect(logged).toHaveBeenCalledWith(
      expect.stringMatching(/Erasure event event-1: .* deletion of learner 42 failed 5 times \(HTTP 401\)/),
    );
  });

  it('drops, with a warning, a payload that names no learner (retrying cannot fix it)', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const forget = jest.fn<AnalyticsSink['forget']>();

    await handlerOver(forget).handle({ userId: 'someone' }, context(1));

    expect(forget).not.toHaveBeenCalled();
    expect(warned).toHaveBeenCalledWith('Erasure event event-1 dropped: userId must be a positive integer');
  });
});
