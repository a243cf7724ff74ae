/** Every BullMQ queue, declared once. Processors for them are registered by the worker only. */
export const QUEUE_NAMES = ['reminders', 'hints', 'notifications', 'leaderboards', 'analytics'] as const;

export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Jobs of each queue one worker process runs at once. Handlers mostly wait on PostgreSQL, Redis
 * or a push service, not the CPU; delivery waits on the network most, and batches what it sends.
 * Analytics is nobody's wait: two sends at a time, so a slow Mixpanel holds two slots of its own
 * queue and nothing of the others'.
 */
export const QUEUE_CONCURRENCY: Readonly<Record<QueueName, number>> = {
  reminders: 16,
  hints: 4,
  notifications: 64,
  leaderboards: 4,
  analytics: 2,
};
