import type { FieldProblem } from '@techtrek/platform/kernel';
import { CompletedAtOutOfRangeError, DuplicateAnswerError, NoAnswersError } from './progress.errors.js';

/** One graded answer, as the lessons module's grader reports it. */
export interface ExerciseResult {
  exerciseId: string;
  correct: boolean;
}

export interface AttemptScore {
  /** 0–100, the share of the lesson's exercises answered correctly, rounded half up. */
  score: number;
  passed: boolean;
  correctCount: number;
  exerciseCount: number;
}

export const DEFAULT_PASS_THRESHOLD = 70;

/**
 * Scores an attempt against ALL of the lesson's exercises, so skipping a hard exercise counts as
 * getting it wrong rather than raising the score. `results` must name only the lesson's
 * exercises (the grader checks that); `passThreshold` is the lowest passing score.
 */
export function scoreLessonAttempt(
  results: readonly ExerciseResult[],
  exerciseCount: number,
  passThreshold = DEFAULT_PASS_THRESHOLD,
): AttemptScore {
  if (!Number.isSafeInteger(exerciseCount) || exerciseCount < 1) {
    throw new RangeError(`A lesson has at least one exercise, got ${exerciseCount}`);
  }
  if (!Number.isInteger(passThreshold) || passThreshold < 0 || passThreshold > 100) {
    throw new RangeError(`The pass threshold is an integer from 0 to 100, got ${passThreshold}`);
  }
  if (results.length === 0) throw new NoAnswersError();
  const duplicates = duplicateAnswers(results);
  if (duplicates.length > 0) throw new DuplicateAnswerError(duplicates);
  if (results.length > exerciseCount) {
    throw new RangeError(`${results.length} distinct answers for a lesson of ${exerciseCount} exercises`);
  }
  const correctCount = results.filter((result) => result.correct).length;
  // Integer arithmetic: 100·c/n rounded half up is ⌊(200·c + n) / 2n⌋, with no floating-point ties.
  const score = Math.floor((200 * correctCount + exerciseCount) / (2 * exerciseCount));
  return { score, passed: score >= passThreshold, correctCount, exerciseCount };
}

/** Every answer after the first to the same exercise, named by its position. */
function duplicateAnswers(results: readonly ExerciseResult[]): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  results.forEach((result, index) => {
    if (seen.has(result.exerciseId)) {
      problems.push({
        field: `answers[${index}].exerciseId`,
        message: `answers exercise "${result.exerciseId}" again`,
      });
    }
    seen.add(result.exerciseId);
  });
  return problems;
}

/** How late an offline attempt may be synced; the streak keeps days open a little longer. */
export const MAX_COMPLETION_DELAY_MS = 7 * 24 * 60 * 60 * 1_000;
/** Device clocks run a little fast; a completion this far ahead is taken as "now". */
export const MAX_CLOCK_SKEW_MS = 2 * 60 * 1_000;

/**
 * When an attempt counts as completed: the client's `completedAt` (an offline attempt synced
 * later counts on the day it was done), or `now` when absent. A time slightly ahead is clamped
 * to `now`, so a fast clock cannot place a pass on tomorrow's date.
 */
export function acceptedCompletionTime(completedAt: Date | undefined, now: Date): Date {
  if (completedAt === undefined) return new Date(now);
  const earliest = new Date(now.getTime() - MAX_COMPLETION_DELAY_MS);
  const latest = new Date(now.getTime() + MAX_CLOCK_SKEW_MS);
  const time = completedAt.getTime();
  if (Number.isNaN(time)) throw new CompletedAtOutOfRangeError('must be a date-time', earliest, latest);
  if (time > latest.getTime()) throw new CompletedAtOutOfRangeError('must not be in the future', earliest, latest);
  if (time < earliest.getTime()) {
    throw new CompletedAtOutOfRangeError('must be within the last 7 days', earliest, latest);
  }
  return new Date(Math.min(time, now.getTime()));
}
