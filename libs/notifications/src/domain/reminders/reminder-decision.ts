import type { ClockTime } from '../preferences/clock-time.js';
import type { QuietHours } from '../preferences/notification-preferences.js';
import type { LocalDate } from './reminder-day.js';
import { isWithinQuietHours } from './reminder-send-time.js';

/** How a claimed reminder ended, as `reminder_claims.outcome` records it. */
export type ReminderOutcome = 'sent' | 'practised' | 'disabled' | 'expired';

/** What is true when a claimed reminder's job runs. */
export interface ReminderSendFacts {
  /** The local date the reminder was claimed for. */
  claimedFor: LocalDate;
  /** The learner's date and time now, in their zone. */
  today: LocalDate;
  timeNow: ClockTime;
  enabled: boolean;
  practisedToday: boolean;
  quietHours: QuietHours | null;
}

export type ReminderSendDecision =
  { outcome: 'sent'; deferredTo?: ClockTime } | { outcome: Exclude<ReminderOutcome, 'sent'> };

/**
 * The re-check at send time: the claim was made when the reminder came due, but the learner may
 * have passed a lesson, turned reminders off or set quiet hours since, or the job may have waited
 * past midnight (a long outage). Inside quiet hours that end later today the reminder waits for
 * their end; if they end tomorrow, today's reminder has no time left.
 */
export function decideReminder(facts: ReminderSendFacts): ReminderSendDecision {
  if (facts.today !== facts.claimedFor) return { outcome: 'expired' };
  if (!facts.enabled) return { outcome: 'disabled' };
  if (facts.practisedToday) return { outcome: 'practised' };
  if (!isWithinQuietHours(facts.timeNow, facts.quietHours)) return { outcome: 'sent' };
  const end = facts.quietHours!.end;
  return end > facts.timeNow ? { outcome: 'sent', deferredTo: end } : { outcome: 'expired' };
}
