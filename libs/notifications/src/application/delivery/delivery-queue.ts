/** Queues delivery jobs again (the sweep); a job that is still waiting, delayed or running is left alone. */
export abstract class DeliveryQueue {
  /** How many were queued again. */
  abstract requeue(notificationIds: readonly number[]): Promise<number>;
}
