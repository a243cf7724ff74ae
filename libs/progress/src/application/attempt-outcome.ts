import type { AttemptReward } from '@techtrek/gamification';
import type { GradedAttempt } from '@techtrek/lessons';

/** The response to a submitted attempt: the grade with answers revealed, and what it earned. */
export interface AttemptOutcome {
  attemptId: number;
  lessonId: number;
  lessonVersion: number;
  score: number;
  passed: boolean;
  results: { exerciseId: string; correct: boolean; correctAnswer: unknown; explanation: string }[];
  xpAwarded: number;
  totalXp: number;
  level: number;
  streak: { current: number; longest: number; freezesLeft: number };
  newBadges: { badge: string; title: string; description: string; awardedAt: string }[];
}

/** The outcome before the attempt row exists; the row's id completes it. */
export type UnnumberedOutcome = Omit<AttemptOutcome, 'attemptId'>;

export function attemptOutcome(graded: GradedAttempt, passed: boolean, reward: AttemptReward): UnnumberedOutcome {
  return {
    lessonId: graded.lessonId,
    lessonVersion: graded.version,
    score: graded.score,
    passed,
    results: graded.results.map(({ exerciseId, correct, correctAnswer, explanation }) => ({
      exerciseId,
      correct,
      correctAnswer,
      explanation,
    })),
    xpAwarded: reward.xpAwarded,
    totalXp: reward.totalXp,
    level: reward.level,
    streak: reward.streak,
    newBadges: reward.newBadges.map(({ code, title, description, awardedAt }) => ({
      badge: code,
      title,
      description,
      awardedAt: awardedAt.toISOString(),
    })),
  };
}
