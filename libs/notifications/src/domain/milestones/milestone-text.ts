/** A milestone worth telling the learner about, as the gamification events report it. */
export type Milestone =
  | { kind: 'badge'; code: string; title: string; description: string }
  | { kind: 'level'; level: number }
  | { kind: 'streak'; days: number };

/** Streak milestones that make an alert (the 3-day one is only a badge). */
export const ALERTED_STREAK_MILESTONES: readonly number[] = [7, 30, 100];

export interface MilestoneText {
  title: string;
  body: string;
  data: Record<string, string>;
}

/** The alert's words and the data the app opens it with. */
export function milestoneText(milestone: Milestone): MilestoneText {
  switch (milestone.kind) {
    case 'badge':
      return {
        title: `New badge: ${milestone.title}`,
        body: `${milestone.description}. Well earned!`,
        data: { milestone: 'badge', badge: milestone.code },
      };
    case 'level':
      return {
        title: `Level ${milestone.level}!`,
        body: `You reached level ${milestone.level}. Keep going — the next one is closer than you think.`,
        data: { milestone: 'level', level: String(milestone.level) },
      };
    case 'streak':
      return {
        title: `${milestone.days} days in a row!`,
        body:
          milestone.days >= 100
            ? `A ${milestone.days}-day streak. That is a habit now — remarkable.`
            : `You have learned ${milestone.days} days in a row. Keep the streak alive tomorrow!`,
        data: { milestone: 'streak', days: String(milestone.days) },
      };
  }
}
