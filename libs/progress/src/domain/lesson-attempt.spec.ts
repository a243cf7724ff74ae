import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { acceptedCompletionTime, scoreLessonAttempt, type ExerciseResult } from './lesson-attempt.js';
import { CompletedAtOutOfRangeError, DuplicateAnswerError, NoAnswersError } from './progress.errors.js';

const answers = (...correct: boolean[]): ExerciseResult[] =>
  correct.map((isCorrect, index) => ({ exerciseId: `e${index + 1}`, correct: isCorrect }));

describe('scoreLessonAttempt', () => {
  it.each<[boolean[], number, number, boolean]>([
    [[true, true, true], 3, 100, true],
    [[true, true, false], 3, 67, false],
    [[true, true, true, false], 4, 75, true],
    [[true, true, true, true, true, true, true, false, false, false], 10, 70, true],
    [[true, true, true, true, true, true, false, false, false, false], 10, 60, false],
    [[false, false], 2, 0, false],
    [[true, true], 3, 67, false], // the unanswered third exercise counts as wrong
    [[true], 8, 13, false], // 12.5 rounds up
    [[true, true, true], 8, 38, false], // 37.5 rounds up
    [[true, true], 6, 33, false],
    [[true, true, true, true], 6, 67, false],
    [[true, true, true, true, true, true, true], 10, 70, true],
    [[true], 200, 1, false], // 0.5 rounds up
    [
      [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true],
      24,
      71,
      true,
    ],
  ])('%j of %i exercises scores %i, passed: %s', (correct, exerciseCount, score, passed) => {
    expect(scoreLessonAttempt(answers(...correct), exerciseCount)).toEqual({
      score,
      passed,
      correctCount: correct.filter(Boolean).length,
      exerciseCount,
    });
  });

  it('passes at a configurable threshold, inclusive', () => {
    expect(scoreLessonAttempt(answers(true, true, false, false), 4, 50).passed).toBe(true);
    expect(scoreLessonAttempt(answers(true, true, false, false), 4, 51).passed).toBe(false);
    expect(scoreLessonAttempt(answers(false), 1, 0).passed).toBe(true);
  });

  it('refuses an empty answer list', () => {
    expect(() => scoreLessonAttempt([], 3)).toThrow(NoAnswersError);
    expect(() => scoreLessonAttempt([], 3)).toThrow(
      expect.objectContaining({
        code: 'PROGRESS.NO_ANSWERS',
        kind: 'invalid',
        fieldProblems: [{ field: 'answers', message: 'must contain at least one answer' }],
      }),
    );
  });

  it('refuses two answers to one exercise, naming each repeat by position', () => {
    const results = [
      { exerciseId: 'a', correct: true },
      { exerciseId: 'b', correct: false },
      { exerciseId: 'a', correct: false },
      { exerciseId: 'a', correct: true },
    ];
    expect(() => scoreLessonAttempt(results, 4)).toThrow(DuplicateAnswerError);
    expect(() => scoreLessonAttempt(results, 4)).toThrow(
      expect.objectContaining({
        code: 'PROGRESS.DUPLICATE_ANSWER',
        kind: 'invalid',
        fieldProblems: [
          { field: 'answers[2].exerciseId', message: 'answers exercise "a" again' },
          { field: 'answers[3].exerciseId', message: 'answers exercise "a" again' },
        ],
      }),
    );
  });

  it('treats impossible inputs as bugs (RangeError): no exercises, more answers than exercises, a bad threshold', () => {
    expect(() => scoreLessonAttempt(answers(true), 0)).toThrow(RangeError);
    expect(() => scoreLessonAttempt(answers(true, true), 1)).toThrow(RangeError);
    expect(() => scoreLessonAttempt(answers(true), 1, 101)).toThrow(RangeError);
    expect(() => scoreLessonAttempt(answers(true), 1, 69.5)).toThrow(RangeError);
  });

  it('scores the exact percentage rounded half up, and passes exactly at the threshold (property-based)', () => {
    const attempt = fc
      .integer({ min: 1, max: 60 })
      .chain((count) =>
        fc.tuple(
          fc.constant(count),
          fc.array(fc.boolean(), { minLength: 1, maxLength: count }),
          fc.integer({ min: 0, max: 100 }),
        ),
      );
    fc.assert(
      fc.property(attempt, ([count, correct, threshold]) => {
        const { score, passed, correctCount } = scoreLessonAttempt(answers(...correct), count, threshold);
        const exact = (100 * correctCount) / count;
        expect(Number.isInteger(score)).toBe(true);
        expect(score - exact).toBeLessThanOrEqual(0.5);
        expect(exact - score).toBeLessThan(0.5);
        expect(passed).toBe(score >= threshold);
        expect(score === 100).toBe(correctCount === count);
      }),
    );
  });
});

describe('acceptedCompletionTime', () => {
  const now = new Date('2025-03-10T12:00:00.000Z');
  const ago = (ms: number): Date => new Date(now.getTime() - ms);
  const MINUTE = 60_000;
  const DAY = 24 * 60 * MINUTE;

  it('takes now when the client sends no completion time', () => {
    expect(acceptedCompletionTime(undefined, now)).toEqual(now);
  });

  it.each([
    ['now', 0],
    ['an hour ago', 60 * MINUTE],
    ['exactly 7 days ago', 7 * DAY],
  ])('accepts %s as it is', (_, msAgo) => {
    expect(acceptedCompletionTime(ago(msAgo), now)).toEqual(ago(msAgo));
  });

  it('takes up to 2 minutes ahead (a fast device clock) as now', () => {
    expect(acceptedCompletionTime(ago(-2 * MINUTE), now)).toEqual(now);
    expect(acceptedCompletionTime(ago(-MINUTE), now)).toEqual(now);
  });

  it.each([
    ['more than 2 minutes ahead', -2 * MINUTE - 1, 'must not be in the future'],
    ['a day ahead', -DAY, 'must not be in the future'],
    ['7 days and a millisecond ago', 7 * DAY + 1, 'must be within the last 7 days'],
    ['a month ago', 30 * DAY, 'must be within the last 7 days'],
  ])('refuses %s', (_, msAgo, message) => {
    const refusal = (): Date => acceptedCompletionTime(ago(msAgo), now);
    expect(refusal).toThrow(CompletedAtOutOfRangeError);
    expect(refusal).toThrow(
      expect.objectContaining({
        code: 'PROGRESS.COMPLETED_AT_OUT_OF_RANGE',
        kind: 'invalid',
        fieldProblems: [{ field: 'completedAt', message }],
        extensions: { earliest: '2025-03-03T12:00:00.000Z', latest: '2025-03-10T12:02:00.000Z' },
      }),
    );
  });

  it('refuses an invalid date', () => {
    expect(() => acceptedCompletionTime(new Date(Number.NaN), now)).toThrow(
      expect.objectContaining({
        code: 'PROGRESS.COMPLETED_AT_OUT_OF_RANGE',
        fieldProblems: [{ field: 'completedAt', message: 'must be a date-time' }],
      }),
    );
  });

  it('never returns a time after now or before the window (property-based)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2 * MINUTE, max: 7 * DAY }), (msAgo) => {
        const accepted = acceptedCompletionTime(ago(msAgo), now).getTime();
        expect(accepted).toBeLessThanOrEqual(now.getTime());
        expect(accepted).toBeGreaterThanOrEqual(now.getTime() - 7 * DAY);
      }),
    );
  });
});
