import type { FeedbackReview, FeedbackStatus, NewFeedback } from '../domain/feedback.js';

/** Feedback as its author sees it right after submitting. */
export interface SubmittedFeedback {
  id: number;
  lessonId: number;
  rating: number;
  comment: string | null;
  status: FeedbackStatus;
  createdAt: Date;
}

/** Feedback as an admin reads it, with the lesson's title. */
export interface AdminFeedbackItem {
  id: number;
  lessonId: number;
  lessonTitle: string;
  userId: number;
  rating: number;
  comment: string | null;
  status: FeedbackStatus;
  adminNote: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export abstract class FeedbackRepository {
  /** Null when the lesson does not exist or is not published (checked in the same statement). */
  abstract add(feedback: NewFeedback): Promise<SubmittedFeedback | null>;

  /** Null when there is no such feedback. */
  abstract review(id: number, review: FeedbackReview): Promise<AdminFeedbackItem | null>;
}
