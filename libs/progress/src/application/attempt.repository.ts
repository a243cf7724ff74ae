import type { LessonProgress } from '../domain/progress-summary.js';
import type { AttemptOutcome, UnnumberedOutcome } from './attempt-outcome.js';

export interface NewAttempt {
  userId: number;
  lessonId: number;
  lessonVersion: number;
  score: number;
  passed: boolean;
  /** What the learner sent, kept with the attempt. */
  answers: readonly { exerciseId: string; answer: unknown }[];
  startedAt?: Date;
  completedAt: Date;
  /** The learner's zone: the attempt counts on the local day of `completedAt` there. */
  timeZone: string;
  /** The key and the request's fingerprint, when the client sent an Idempotency-Key. */
  idempotency?: AttemptIdempotency;
}

export interface AttemptIdempotency {
  key: string;
  fingerprint: string;
}

/** An attempt answered before under the same key: what was asked, and what it got. */
export interface KeyedAttempt {
  fingerprint: string;
  outcome: AttemptOutcome;
}

export interface AttemptSummary {
  attemptId: number;
  lessonVersion: number;
  score: number;
  passed: boolean;
  startedAt: Date | null;
  completedAt: Date;
}

/**
 * Attempts and the per-lesson `progress` records. Writes join the current transaction; the
 * learner lock serialises a learner's attempts (two devices, a retry racing its original).
 */
export abstract class AttemptRepository {
  /**
   * Takes the learner's lock, held until the transaction ends, and returns their progress records
   * (as `progressOfLearner`) as they stand under it.
   */
  abstract lockLearner(userId: number): Promise<LessonProgress[]>;
  abstract findByIdempotencyKey(userId: number, key: string): Promise<KeyedAttempt | undefined>;
  abstract progressOf(userId: number, lessonId: number): Promise<LessonProgress | undefined>;
  /**
   * Keeps the attempt with its outcome (so a retry with the same key gets exactly this answer) and
   * folds it into the lesson's progress record, in one statement; returns the attempt's id.
   */
  abstract record(attempt: NewAttempt, outcome: UnnumberedOutcome): Promise<number>;
  abstract progressOfLearner(userId: number): Promise<LessonProgress[]>;
  /** Newest first. */
  abstract historyOf(userId: number, lessonId: number): Promise<AttemptSummary[]>;
}
