/** Every BullMQ queue, declared once. Processors for them are registered by the worker only. */
export const QUEUE_NAMES = ['reminders', 'hints', 'notifications', 'leaderboards'] as const;

export type QueueName = (typeof QUEUE_NAMES)[number];
