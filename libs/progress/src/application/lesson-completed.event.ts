/**
 * Published in the transaction that records a passed attempt (product analytics count it). The
 * gamification events say what a pass earned, not which lesson it was or how it went: this one does.
 */
export const LESSON_COMPLETED_EVENT = 'progress.lesson_completed';

/** The event's payload: identifiers and numbers only, nothing the learner wrote. */
export interface LessonCompletedPayload {
  userId: number;
  attemptId: number;
  lessonId: number;
  lessonVersion: number;
  topic: string;
  difficulty: string;
  /** 0–100. */
  score: number;
  /** This learner's first pass of the lesson (later passes are reviews). */
  firstPass: boolean;
  /** When the learner finished (an offline attempt's own time). */
  at: string;
}
