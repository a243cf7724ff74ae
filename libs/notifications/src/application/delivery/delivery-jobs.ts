import type { JobRoute } from '@techtrek/platform';

/** Delivers one notification; its job id is `deliveryJobId(id)`, so it is queued at most once. */
export const DELIVER_NOTIFICATION_JOB: JobRoute = { queue: 'notifications', job: 'notification.deliver' };

export interface DeliverNotificationPayload {
  notificationId: number;
}

/** BullMQ refuses ids with one ':' (it reads them as legacy repeat keys), hence the dash. */
export const deliveryJobId = (notificationId: number): string => `notification-${notificationId}`;

/**
 * Tries per delivery, and the backoff between them for transient errors: about 5 s, 10 s, 20 s,
 * 40 s, 80 s (each taken at random from its upper half, so a provider outage's retries spread out).
 */
export const DELIVERY_ATTEMPTS = 6;
export const DELIVERY_JOB_OPTIONS = {
  attempts: DELIVERY_ATTEMPTS,
  backoff: { type: 'exponential' as const, delay: 5_000, jitter: 0.5 },
};

/** Checks receipts and sweeps lost deliveries; one BullMQ job scheduler shared by every worker. */
export const DELIVERY_MAINTENANCE_JOB: JobRoute = { queue: 'notifications', job: 'notification.maintenance' };
export const DELIVERY_MAINTENANCE_SCHEDULER_ID = 'notification-maintenance';
