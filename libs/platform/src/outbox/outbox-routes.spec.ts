import { describe, expect, it } from '@jest/globals';
import { JobHandler, JobHandlers } from '../queues/job-handlers.js';
import { OutboxRoutes } from './outbox-routes.js';

class NoopHandler extends JobHandler {
  async handle(): Promise<void> {}
}
class OtherHandler extends NoopHandler {}

describe('OutboxRoutes', () => {
  it('sends one event type to several queues, one job in each', () => {
    const routes = new OutboxRoutes();
    routes.add('x.happened', { queue: 'leaderboards', job: 'a' });
    routes.add('x.happened', { queue: 'notifications', job: 'b' });
    expect(routes.of('x.happened')).toEqual([
      { queue: 'leaderboards', job: 'a' },
      { queue: 'notifications', job: 'b' },
    ]);
    expect(routes.of('y.happened')).toEqual([]);
  });

  it('refuses a second route of one event type to the same queue (the job id is the event id)', () => {
    const routes = new OutboxRoutes();
    routes.add('x.happened', { queue: 'leaderboards', job: 'a' });
    expect(() => routes.add('x.happened', { queue: 'leaderboards', job: 'b' })).toThrow(
      'Outbox event "x.happened" is routed twice to queue "leaderboards" (jobs "a" and "b")',
    );
  });
});

describe('JobHandlers', () => {
  it('finds the handler of a (queue, job) and knows which queues have any', () => {
    const handlers = new JobHandlers();
    const handler = new NoopHandler();
    handlers.register({ queue: 'leaderboards', job: 'a' }, handler);
    expect(handlers.find({ queue: 'leaderboards', job: 'a' })).toBe(handler);
    expect(handlers.find({ queue: 'leaderboards', job: 'b' })).toBeUndefined();
    expect(handlers.handles('leaderboards')).toBe(true);
    expect(handlers.handles('hints')).toBe(false);
  });

  it('reports a job with two handlers, and finds neither', () => {
    const handlers = new JobHandlers();
    handlers.register({ queue: 'hints', job: 'a' }, new NoopHandler());
    expect(handlers.conflicts()).toEqual([]);
    handlers.register({ queue: 'hints', job: 'a' }, new OtherHandler());
    expect(handlers.conflicts()).toEqual(['Job "a" on queue "hints" has two handlers: NoopHandler and OtherHandler']);
    expect(handlers.find({ queue: 'hints', job: 'a' })).toBeUndefined();
  });
});
