import type { JobRoute } from '@techtrek/platform';

/** Delivers one notification; its job id is `deliveryJobId(id)`, so it is queued at most once. */
export const DELIVER_NOTIFICATION_JOB: JobRoute = { queue: 'notifications', job: 'notification.deliver' };

export interface DeliverNotificationPayload {
  notificationId: number;
}

/** BullMQ refuses ids with one ':' (it reads them as legacy repeat keys), hence the dash. */
export const deliveryJobId = (notificationId: number): string => `notification-${notificationId}`;
