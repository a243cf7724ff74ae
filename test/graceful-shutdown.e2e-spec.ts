import { afterAll, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { BullModule, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProbeModule } from './support/probe.module.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

const jobsStarted: string[] = [];
/**
 * A queue of the probe's own: on one of the worker's queues, the worker's processor of that queue
 * competes for the probe's job, and fails it at once for want of a handler whenever it fetches
 * first (the test then waited for a job that never started; seen under CI load).
 */
const PROBE_QUEUE = 'shutdown-probe';

/** A processor that takes a while, standing in for the modules' real ones. */
@Processor(PROBE_QUEUE)
class SlowProbeProcessor extends WorkerHost {
  async process(job: Job<{ ms: number }>): Promise<string> {
    jobsStarted.push(job.id ?? '');
    await sleep(job.data.ms);
    return 'done';
  }
}

@Injectable()
class ProbeEnqueuer {
  constructor(@InjectQueue(PROBE_QUEUE) readonly queue: Queue) {}
}

@Module({ imports: [BullModule.registerQueue({ name: PROBE_QUEUE })], providers: [SlowProbeProcessor, ProbeEnqueuer] })
class SlowProbeWorkerModule {}

describe('graceful shutdown', () => {
  const harnesses: TestHarness[] = [];
  afterAll(async () => {
    for (const harness of harnesses) await harness.close();
  });

  it('lets an in-flight request finish while closing, then stops listening', async () => {
    const harness = await TestHarness.start();
    harnesses.push(harness);
    const api = await harness.startApi(ProbeModule);
    await api.listen({ port: 0, host: '127.0.0.1' });
    const url = api.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${url.port}`;

    const inFlight = fetch(`${base}/__probe/slow`);
    await sleep(150);
    const closing = api.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await closing;
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });

  it('answers a request that finds the pools closed under it (its client gone, the app closing) with a 503 problem', async () => {
    const harness = await TestHarness.start();
    harnesses.push(harness);
    const api = await harness.startApi(ProbeModule);
    // A mobile client that gave up holds no connection, so closing the app does not wait for its
    // request: the pools close while the handler still works, as here.
    const overtaken = api.inject({ method: 'GET', url: '/__probe/slow-query?ms=300' });
    await api.get(DataSource).destroy();

    expectProblem(await overtaken, 503, 'SERVICE.DATABASE_UNAVAILABLE');
  });

  it('lets a running job finish before the worker stops, and loses none of the waiting ones', async () => {
    const harness = await TestHarness.start();
    harnesses.push(harness);
    const worker = await harness.startWorker(SlowProbeWorkerModule);
    const queue = worker.get(ProbeEnqueuer).queue;
    await queue.add('probe', { ms: 800 }, { jobId: 'slow-1' });
    await queue.add('probe', { ms: 10 }, { jobId: 'later-1', delay: 60_000 });
    while (!jobsStarted.includes('slow-1')) await sleep(20);

    await worker.close();

    const { Queue: QueueClass } = await import('bullmq');
    const inspector = new QueueClass(PROBE_QUEUE, {
      connection: { url: harness.environment.REDIS_URL },
      prefix: `${harness.environment.REDIS_KEY_PREFIX}bull`,
    });
    try {
      expect(await inspector.getJobState('slow-1')).toBe('completed');
      expect(await inspector.getJobState('later-1')).toBe('delayed');
    } finally {
      await inspector.close();
    }
  });
});
