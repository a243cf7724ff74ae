import type { FieldProblem } from '@techtrek/platform/kernel';
import { InvalidFeedbackError } from './feedback.errors.js';

export const FEEDBACK_STATUSES = ['open', 'resolved'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const MIN_RATING = 1;
export const MAX_RATING = 5;
/** In characters (code points), as PostgreSQL's `char_length` counts them in the table's CHECK. */
export const MAX_FEEDBACK_TEXT_LENGTH = 2000;

/** What a learner submits, once checked: new feedback always starts `open`. */
export interface NewFeedback {
  userId: number;
  lessonId: number;
  rating: number;
  comment: string | null;
  status: 'open';
}

/** An admin's review: `adminNote: null` clears the note; an absent member stays as it is. */
export interface FeedbackReview {
  status?: FeedbackStatus;
  adminNote?: string | null;
}

const length = (text: string): number => [...text].length;

/** Trimmed; blank text means "none", so a comment of spaces is stored as no comment. */
function normalizeText(field: string, text: string | null | undefined, problems: FieldProblem[]): string | null {
  const trimmed = text?.trim() ?? '';
  if (length(trimmed) > MAX_FEEDBACK_TEXT_LENGTH) {
    problems.push({ field, message: `must be at most ${MAX_FEEDBACK_TEXT_LENGTH} characters` });
  }
  return trimmed === '' ? null : trimmed;
}

/**
 * The rules for a learner's feedback. The HTTP DTO checks the same first, with friendlier
 * messages; this keeps them true for any other caller (a command, a future import).
 */
export function newFeedback(input: {
  userId: number;
  lessonId: number;
  rating: number;
  comment?: string | null;
}): NewFeedback {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(input.rating) || input.rating < MIN_RATING || input.rating > MAX_RATING) {
    problems.push({ field: 'rating', message: `must be a whole number from ${MIN_RATING} to ${MAX_RATING}` });
  }
  const comment = normalizeText('comment', input.comment, problems);
  if (problems.length > 0) throw new InvalidFeedbackError(problems);
  return { userId: input.userId, lessonId: input.lessonId, rating: input.rating, comment, status: 'open' };
}

/** An admin's change: at least one of status and note, the note within the same limit as comments. */
export function feedbackReview(input: FeedbackReview): FeedbackReview {
  const problems: FieldProblem[] = [];
  if (input.status === undefined && input.adminNote === undefined) {
    problems.push({ field: 'body', message: 'must contain status, adminNote or both' });
  }
  if (input.status !== undefined && !FEEDBACK_STATUSES.includes(input.status)) {
    problems.push({ field: 'status', message: `must be one of ${FEEDBACK_STATUSES.join(', ')}` });
  }
  const review: FeedbackReview = {};
  if (input.status !== undefined) review.status = input.status;
  if (input.adminNote !== undefined) review.adminNote = normalizeText('adminNote', input.adminNote, problems);
  if (problems.length > 0) throw new InvalidFeedbackError(problems);
  return review;
}
