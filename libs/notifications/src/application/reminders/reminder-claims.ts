import type { ClockTime } from '../../domain/preferences/clock-time.js';
import type { QuietHours } from '../../domain/preferences/notification-preferences.js';
import type { LocalDate } from '../../domain/reminders/reminder-day.js';
import type { ReminderOutcome } from '../../domain/reminders/reminder-decision.js';
import type { ReminderClaim } from './reminder-jobs.js';

export interface DueBatch {
  /** Schedules found due (and moved on to their next day). */
  due: number;
  /** Claims made now: the reminders to send. */
  claims: ReminderClaim[];
}

/** A claim as its send job sees it, with the learner's preferences as of now. */
export interface ClaimToSend {
  outcome: ReminderOutcome | null;
  enabled: boolean;
  timeZone: string;
  today: LocalDate;
  timeNow: ClockTime;
  quietHours: QuietHours | null;
  practisedOn: LocalDate | null;
}

/** `reminder_claims`: one row per learner, local date and kind, written before a reminder is sent. */
export abstract class ReminderClaims {
  /**
   * One set-based step of the tick: locks up to `limit` schedules due by `now` (skipping rows
   * another worker holds), claims the ones whose day is still today and not practised, and moves
   * every one of them to its next day. Commits on its own.
   */
  abstract claimDueBatch(now: Date, limit: number): Promise<DueBatch>;
  abstract markEnqueued(claims: readonly ReminderClaim[], now: Date): Promise<void>;
  /** Claims whose job may never have been queued (a crash between commit and enqueue). */
  abstract unqueued(claimedBefore: Date, limit: number): Promise<ReminderClaim[]>;
  /** Locks the claim for its send job; undefined when it no longer exists (account erased). */
  abstract lockForSend(claim: ReminderClaim, now: Date): Promise<ClaimToSend | undefined>;
  /** The instant of `time` on `day` in `timeZone`. */
  abstract instantOf(day: LocalDate, time: ClockTime, timeZone: string): Promise<Date>;
  abstract recordOutcome(claim: ReminderClaim, outcome: ReminderOutcome, dedupeKey?: string): Promise<void>;
}

/** Queues the send jobs of new claims. */
export abstract class ReminderJobQueue {
  abstract enqueue(claims: readonly ReminderClaim[]): Promise<void>;
}
