import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { xpForAttempt, type GradedAttemptFacts, type LessonDifficulty } from './xp-policy.js';

const facts = (overrides: Partial<GradedAttemptFacts> = {}): GradedAttemptFacts => ({
  lessonId: 42,
  difficulty: 'beginner',
  score: 80,
  passed: true,
  passedBefore: false,
  perfectBefore: false,
  localDay: '2025-03-01',
  ...overrides,
});

describe('xpForAttempt', () => {
  it.each<[LessonDifficulty, number]>([
    ['beginner', 10],
    ['intermediate', 20],
    ['advanced', 30],
  ])('pays a first pass of a %s lesson %i XP, once per lesson', (difficulty, amount) => {
    expect(xpForAttempt(facts({ difficulty }))).toEqual([
      { reason: 'lesson_first_pass', amount, sourceType: 'lesson_pass', sourceId: '42' },
    ]);
  });

  it('adds a 5 XP bonus for a first perfect score', () => {
    expect(xpForAttempt(facts({ score: 100, difficulty: 'advanced' }))).toEqual([
      { reason: 'lesson_first_pass', amount: 30, sourceType: 'lesson_pass', sourceId: '42' },
      { reason: 'lesson_perfect_score', amount: 5, sourceType: 'lesson_perfect', sourceId: '42' },
    ]);
  });

  it('pays a repeat pass 2 XP, once per lesson and local day', () => {
    expect(xpForAttempt(facts({ passedBefore: true, localDay: '2025-03-02' }))).toEqual([
      { reason: 'lesson_review', amount: 2, sourceType: 'lesson_review', sourceId: '42:2025-03-02' },
    ]);
  });

  it('pays the perfect bonus on a repeat pass that is the first perfect score', () => {
    expect(xpForAttempt(facts({ passedBefore: true, score: 100 }))).toEqual([
      { reason: 'lesson_review', amount: 2, sourceType: 'lesson_review', sourceId: '42:2025-03-01' },
      { reason: 'lesson_perfect_score', amount: 5, sourceType: 'lesson_perfect', sourceId: '42' },
    ]);
  });

  it('pays no second perfect bonus', () => {
    expect(xpForAttempt(facts({ passedBefore: true, perfectBefore: true, score: 100 }))).toEqual([
      { reason: 'lesson_review', amount: 2, sourceType: 'lesson_review', sourceId: '42:2025-03-01' },
    ]);
  });

  it('pays nothing for a fail, whatever the score', () => {
    expect(xpForAttempt(facts({ passed: false, score: 60 }))).toEqual([]);
    expect(xpForAttempt(facts({ passed: false, score: 100 }))).toEqual([]);
  });

  it('never names one source twice, and pays only from first pass, perfect and review (property-based)', () => {
    const anyFacts = fc.record({
      lessonId: fc.integer({ min: 1, max: 2_147_483_647 }),
      difficulty: fc.constantFrom<LessonDifficulty>('beginner', 'intermediate', 'advanced'),
      score: fc.integer({ min: 0, max: 100 }),
      passed: fc.boolean(),
      passedBefore: fc.boolean(),
      perfectBefore: fc.boolean(),
      localDay: fc.constantFrom('2025-03-01', '2025-12-31'),
    });
    fc.assert(
      fc.property(anyFacts, (attempt) => {
        const entries = xpForAttempt(attempt);
        const sources = entries.map((entry) => `${entry.sourceType}/${entry.sourceId}`);
        expect(new Set(sources).size).toBe(sources.length);
        const total = entries.reduce((sum, entry) => sum + entry.amount, 0);
        if (!attempt.passed) expect(total).toBe(0);
        if (attempt.passedBefore) expect(total).toBeLessThanOrEqual(7);
        expect(entries.every((entry) => entry.amount > 0 && Number.isInteger(entry.amount))).toBe(true);
      }),
    );
  });
});
