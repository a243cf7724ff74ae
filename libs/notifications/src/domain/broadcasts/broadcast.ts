import { DomainError } from '@techtrek/platform/kernel';

/** Who a broadcast goes to: every learner, or the learners who have worked on one topic. */
export type BroadcastAudience = 'all' | { topic: string };

export const BROADCAST_STATUSES = ['fanning_out', 'fanned_out'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/**
 * Recipients per fan-out step: one transaction and one insert each, small enough to keep row
 * locks and a retried step short, large enough that 100,000 learners take 100 steps.
 */
export const BROADCAST_BATCH_SIZE = 1_000;

/** One notification per recipient, however often a step runs again. */
export const broadcastDedupeKey = (broadcastId: number, userId: number): string => `broadcast-${broadcastId}-${userId}`;

export const isTopicAudience = (audience: BroadcastAudience): audience is { topic: string } =>
  typeof audience === 'object' && audience !== null && typeof audience.topic === 'string';

export class BroadcastNotFoundError extends DomainError {
  readonly code = 'NOTIFICATIONS.BROADCAST_NOT_FOUND';
  readonly kind = 'not_found';

  constructor() {
    super('No such broadcast');
  }
}

export class UnknownTopicError extends DomainError {
  readonly code = 'NOTIFICATIONS.UNKNOWN_TOPIC';
  readonly kind = 'invalid';

  constructor(topic: string) {
    super(`No published topic "${topic}"`, [{ field: 'audience.topic', message: 'is not a published topic' }]);
  }
}
