import { describe, expect, it } from '@jest/globals';
import { feedbackReview, newFeedback } from './feedback.js';
import { InvalidFeedbackError } from './feedback.errors.js';

const base = { userId: 1, lessonId: 2 };

describe('newFeedback', () => {
  it('starts open, trims the comment and stores blank as none', () => {
    expect(newFeedback({ ...base, rating: 5, comment: '  great  ' })).toEqual({
      ...base,
      rating: 5,
      comment: 'great',
      status: 'open',
    });
    expect(newFeedback({ ...base, rating: 1, comment: '   ' }).comment).toBeNull();
    expect(newFeedback({ ...base, rating: 3 }).comment).toBeNull();
  });

  it.each([0, 6, 2.5, Number.NaN])('refuses rating %p', (rating) => {
    expect(() => newFeedback({ ...base, rating })).toThrow(InvalidFeedbackError);
  });

  it('counts characters, not UTF-16 units, against the 2000 limit', () => {
    expect(newFeedback({ ...base, rating: 4, comment: '😀'.repeat(2000) }).comment).toHaveLength(4000);
    expect(() => newFeedback({ ...base, rating: 4, comment: 'a'.repeat(2001) })).toThrow(InvalidFeedbackError);
  });

  it('names every bad field', () => {
    try {
      newFeedback({ ...base, rating: 9, comment: 'x'.repeat(2001) });
      throw new Error('expected a failure');
    } catch (error) {
      expect((error as InvalidFeedbackError).fieldProblems.map((problem) => problem.field)).toEqual([
        'rating',
        'comment',
      ]);
    }
  });
});

describe('feedbackReview', () => {
  it('needs status or adminNote', () => {
    expect(() => feedbackReview({})).toThrow(InvalidFeedbackError);
  });

  it('keeps what was given; null or blank clears the note', () => {
    expect(feedbackReview({ status: 'resolved' })).toEqual({ status: 'resolved' });
    expect(feedbackReview({ adminNote: ' fixed ' })).toEqual({ adminNote: 'fixed' });
    expect(feedbackReview({ adminNote: null })).toEqual({ adminNote: null });
    expect(feedbackReview({ status: 'open', adminNote: '' })).toEqual({ status: 'open', adminNote: null });
  });

  it('refuses an unknown status and a long note', () => {
    expect(() => feedbackReview({ status: 'closed' as never })).toThrow(InvalidFeedbackError);
    expect(() => feedbackReview({ adminNote: 'n'.repeat(2001) })).toThrow(InvalidFeedbackError);
  });
});
