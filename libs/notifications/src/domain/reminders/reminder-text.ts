/** What the reminder can say about the learner's streak, read when it is sent. */
export interface StreakSituation {
  /** Consecutive days up to yesterday (0 without a streak). */
  current: number;
  /** Freezes left: with one, missing today does not end the streak. */
  freezesLeft: number;
}

export interface ReminderText {
  title: string;
  body: string;
}

/**
 * The daily reminder's words. With a streak at stake it names it ("Your 12-day streak ends at
 * midnight — 5 minutes keeps it."); with a freeze it would not end tonight, so it does not say so;
 * without a streak it invites, and names the next topic when one is known.
 */
export function reminderText(streak: StreakSituation, nextTopic?: string): ReminderText {
  if (streak.current > 0 && streak.freezesLeft === 0) {
    return {
      title: streak.current === 1 ? 'Make it two days in a row' : `Keep your ${streak.current}-day streak`,
      body:
        streak.current === 1
          ? 'You learned yesterday — 5 minutes today starts a streak.'
          : `Your ${streak.current}-day streak ends at midnight — 5 minutes keeps it.`,
    };
  }
  if (streak.current > 0) {
    return {
      title: `Keep your ${streak.current}-day streak`,
      body: `${streak.current === 1 ? 'One day' : `${streak.current} days`} in a row so far — 5 minutes today keeps it going.`,
    };
  }
  return {
    title: 'Time for a quick lesson',
    body: nextTopic
      ? `${nextTopic} is waiting — one 5-minute lesson is all it takes today.`
      : 'One 5-minute lesson is all it takes today.',
  };
}
