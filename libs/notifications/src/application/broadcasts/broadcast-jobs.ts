import type { JobRoute } from '@techtrek/platform';

/** Recorded with a new broadcast, in its transaction; relayed to the first fan-out step. */
export const BROADCAST_CREATED_EVENT = 'notifications.broadcast_created';

/** One step of a broadcast's fan-out: the next batch of recipients after its stored position. */
export const FAN_OUT_BROADCAST_JOB: JobRoute = { queue: 'notifications', job: 'broadcast.fan-out' };

export interface FanOutBroadcastPayload {
  broadcastId: number;
}

/** The step after `lastUserId`: the same id however often it is queued (no ':' for BullMQ). */
export const fanOutJobId = (broadcastId: number, lastUserId: number): string =>
  `broadcast-${broadcastId}-after-${lastUserId}`;

/** Queues fan-out steps ahead of waiting deliveries (a broadcast's own deliveries would otherwise delay it). */
export abstract class FanOutQueue {
  /** Queues the step after `lastUserId` (0 for the first); queueing the same step twice is a no-op. */
  abstract queueStep(broadcastId: number, lastUserId: number): Promise<void>;
}
