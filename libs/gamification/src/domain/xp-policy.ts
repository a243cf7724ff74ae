/**
 * XP for a graded attempt. XP is an append-only ledger unique on (user, sourceType, sourceId):
 * the policy names each award's source, so a retried request, a second device or a race can
 * never pay the same source twice. The policy decides from the facts it is given; the ledger's
 * unique key is the final guard, and XP awarded is what the ledger accepted.
 */
export type LessonDifficulty = 'beginner' | 'intermediate' | 'advanced';

export type XpSourceType = 'lesson_pass' | 'lesson_perfect' | 'lesson_review';

export type XpReason = 'lesson_first_pass' | 'lesson_perfect_score' | 'lesson_review';

export interface XpLedgerEntry {
  reason: XpReason;
  amount: number;
  sourceType: XpSourceType;
  sourceId: string;
}

export interface GradedAttemptFacts {
  lessonId: number;
  difficulty: LessonDifficulty;
  /** 0–100. */
  score: number;
  passed: boolean;
  /** The learner had passed this lesson before this attempt. */
  passedBefore: boolean;
  /** The learner had scored 100 on this lesson before this attempt. */
  perfectBefore: boolean;
  /** 'YYYY-MM-DD' in the learner's zone, on which the attempt was completed. */
  localDay: string;
}

export const FIRST_PASS_XP: Readonly<Record<LessonDifficulty, number>> = {
  beginner: 10,
  intermediate: 20,
  advanced: 30,
};
export const PERFECT_SCORE_BONUS_XP = 5;
/** Small, and once per lesson and day: repeating a lesson is worth doing, but not farming. */
export const REVIEW_XP = 2;

/** The ledger entries to write for an attempt, first pass before bonus; none for a fail. */
export function xpForAttempt(facts: GradedAttemptFacts): XpLedgerEntry[] {
  if (!facts.passed) return [];
  const lesson = String(facts.lessonId);
  const entries: XpLedgerEntry[] = facts.passedBefore
    ? [
        {
          reason: 'lesson_review',
          amount: REVIEW_XP,
          sourceType: 'lesson_review',
          sourceId: `${lesson}:${facts.localDay}`,
        },
      ]
    : [
        {
          reason: 'lesson_first_pass',
          amount: FIRST_PASS_XP[facts.difficulty],
          sourceType: 'lesson_pass',
          sourceId: lesson,
        },
      ];
  if (facts.score === 100 && !facts.perfectBefore) {
    entries.push({
      reason: 'lesson_perfect_score',
      amount: PERFECT_SCORE_BONUS_XP,
      sourceType: 'lesson_perfect',
      sourceId: lesson,
    });
  }
  return entries;
}
