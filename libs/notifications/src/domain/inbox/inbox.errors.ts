import { DomainError } from '@techtrek/platform/kernel';

/** Unknown, or another learner's: the two look the same, so nobody learns which ids exist. */
export class NotificationNotFoundError extends DomainError {
  readonly code = 'NOTIFICATIONS.NOT_FOUND';
  readonly kind = 'not_found';

  constructor() {
    super('No such notification');
  }
}

/** Only a notification still waiting for its time can be cancelled. */
export class NotificationNotCancellableError extends DomainError {
  readonly code = 'NOTIFICATIONS.NOT_CANCELLABLE';
  readonly kind = 'conflict';

  constructor(status: string) {
    super(`This notification is ${status}; only a scheduled one can be cancelled`, [], { notificationStatus: status });
  }
}

export class InvalidReminderTimeError extends DomainError {
  readonly code = 'NOTIFICATIONS.INVALID_SCHEDULED_TIME';
  readonly kind = 'invalid';

  constructor(message: string) {
    super(`scheduledTime ${message}`, [{ field: 'scheduledTime', message }]);
  }
}

/** Unknown, or registered by someone else: the same answer for both. */
export class DeviceNotFoundError extends DomainError {
  readonly code = 'NOTIFICATIONS.DEVICE_NOT_FOUND';
  readonly kind = 'not_found';

  constructor() {
    super('No such device among yours');
  }
}
