import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { Queue } from 'bullmq';
import type { Environment } from '@techtrek/platform';
import { BullMqHintJobs } from './bullmq-hint-jobs.js';

/** A queue whose connection becomes ready when the test says so. */
function slowQueue() {
  let ready!: () => void;
  const connected = new Promise<void>((resolve) => (ready = resolve));
  return { queue: { waitUntilReady: () => connected } as unknown as Queue, ready };
}

const config = { get: () => undefined } as unknown as ConfigService<Environment, true>;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('BullMqHintJobs at boot', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  // The listener reads only events newer than its first read: it must exist before the first hint.
  it('opens the finished-job listener once the queue connects, however long that takes', async () => {
    const open = jest
      .spyOn(BullMqHintJobs.prototype as unknown as { queueEvents: () => unknown }, 'queueEvents')
      .mockReturnValue({});
    const { queue, ready } = slowQueue();
    new BullMqHintJobs(queue, config).onApplicationBootstrap();

    // Well past a request's 250 ms wait for the connection: still waiting, not given up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(open).not.toHaveBeenCalled();
    ready();
    await settle();

    expect(open).toHaveBeenCalledTimes(1);
  });

  it('opens nothing when shutdown began before the queue connected', async () => {
    const open = jest
      .spyOn(BullMqHintJobs.prototype as unknown as { queueEvents: () => unknown }, 'queueEvents')
      .mockReturnValue({});
    const { queue, ready } = slowQueue();
    const jobs = new BullMqHintJobs(queue, config);
    jobs.onApplicationBootstrap();

    await jobs.onModuleDestroy();
    ready();
    await settle();

    expect(open).not.toHaveBeenCalled();
  });
});
