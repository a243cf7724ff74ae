/** Calendar dates 'YYYY-MM-DD' compare as strings. */
export type LocalDate = string;

export interface ReminderDayFacts {
  /** The learner's date now, in their zone. */
  today: LocalDate;
  /** Whether today's send instant is still ahead of now. */
  sendsLaterToday: boolean;
  /** The learner's last local day with a pass, if any. */
  practisedOn: LocalDate | null;
  /** Whether today's reminder was already claimed (sent or on its way). */
  claimedToday: boolean;
}

export type ReminderDay = 'today' | 'tomorrow';

/**
 * Which day the next reminder is for, whenever the schedule is recomputed (preferences, zone or a
 * pass changed): today if its time is still ahead and it would still make sense (no pass today,
 * not already claimed), otherwise tomorrow.
 */
export function nextReminderDay(facts: ReminderDayFacts): ReminderDay {
  const practisedToday = facts.practisedOn !== null && facts.practisedOn >= facts.today;
  return facts.sendsLaterToday && !practisedToday && !facts.claimedToday ? 'today' : 'tomorrow';
}
