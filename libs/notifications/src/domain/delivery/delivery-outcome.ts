/** What one delivery try did; the job handler turns it into BullMQ's done, retry or failed. */
export type DeliveryOutcome =
  | { kind: 'sent'; tickets: number; removedDevices: number }
  /** Not `scheduled` (already sent, cancelled, failed) or not due yet: nothing to do. */
  | { kind: 'skipped'; reason: string }
  /** Found `sending`: a worker died mid-send; failed, not sent again. */
  | { kind: 'interrupted' }
  /** A transient failure with tries left: back to `scheduled`, BullMQ retries with backoff. */
  | { kind: 'retry'; error: string }
  /** A permanent failure, or tries spent: `failed`, kept in BullMQ's failed set. */
  | { kind: 'failed'; error: string };

/** Recorded as `last_error` when a worker died while sending (see the README, "Push delivery"). */
export const INTERRUPTED_SEND_ERROR = 'interrupted while sending; not resent (the provider may have it)';
