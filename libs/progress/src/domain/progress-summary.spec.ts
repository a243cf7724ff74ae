import { describe, expect, it } from '@jest/globals';
import { summariseProgress, withAttempt, type LessonProgress } from './progress-summary.js';

const curriculum = {
  topics: [{ topic: 'internet' }, { topic: 'apis' }, { topic: 'cloud' }],
  lessons: [
    { lessonId: 1, topic: 'internet' },
    { lessonId: 2, topic: 'internet' },
    { lessonId: 3, topic: 'apis' },
    { lessonId: 4, topic: 'apis' },
  ],
};

const record = (lessonId: number, completed: boolean): LessonProgress => ({
  lessonId,
  completed,
  bestScore: completed ? 80 : 40,
  attempts: 1,
  completedAt: completed ? new Date('2026-11-30T10:00:00Z') : null,
});

describe('summariseProgress', () => {
  it('counts completed lessons per topic against what is published, in curriculum order', () => {
    const summary = summariseProgress(
      [record(1, true), record(2, true), record(3, false), record(4, true)],
      curriculum,
    );

    expect(summary).toEqual({
      completedLessons: 3,
      totalLessons: 4,
      byTopic: [
        { topic: 'internet', completed: 2, total: 2 },
        { topic: 'apis', completed: 1, total: 2 },
        { topic: 'cloud', completed: 0, total: 0 },
      ],
      topicsCompleted: ['internet'],
      topicsTouched: ['internet', 'apis'],
    });
  });

  it('leaves out lessons that are no longer published, and never calls an empty topic completed', () => {
    const summary = summariseProgress([record(99, true)], curriculum);

    expect(summary.completedLessons).toBe(0);
    expect(summary.totalLessons).toBe(4);
    expect(summary.topicsCompleted).toEqual([]);
    expect(summary.topicsTouched).toEqual([]);
  });

  it('does not count a lesson that was attempted but not passed', () => {
    expect(summariseProgress([record(3, false)], curriculum).topicsTouched).toEqual([]);
  });
});

describe('withAttempt', () => {
  it('completes an attempted lesson on a pass and never un-completes it on a fail', () => {
    const records = [record(1, false), record(2, true)];

    expect(withAttempt(records, 1, true).map((r) => [r.lessonId, r.completed])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(withAttempt(records, 2, false).find((r) => r.lessonId === 2)?.completed).toBe(true);
  });

  it('adds a first attempt, completed only when passed, without touching the given records', () => {
    const records = [record(1, true)];

    expect(withAttempt(records, 3, true)).toEqual([
      records[0],
      expect.objectContaining({ lessonId: 3, completed: true }),
    ]);
    expect(withAttempt(records, 4, false).at(-1)).toMatchObject({ lessonId: 4, completed: false });
    expect(records).toHaveLength(1);
  });
});
