import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { describeBadge, FIXED_BADGES, isBadgeCode, topicOfBadge } from './badge-catalogue.js';
import { newBadges, type BadgeFacts } from './badge-rules.js';

const nothingYet: BadgeFacts = {
  completedLessons: 0,
  currentStreak: 0,
  longestStreak: 0,
  totalXp: 0,
  perfectScoreThisAttempt: false,
  topicsCompleted: [],
  topicsTouched: [],
  allTopics: ['apis', 'cloud', 'data'],
  held: [],
};
const facts = (overrides: Partial<BadgeFacts>): BadgeFacts => ({ ...nothingYet, ...overrides });

describe('newBadges', () => {
  it('awards nothing before the first lesson', () => {
    expect(newBadges(nothingYet)).toEqual([]);
  });

  it.each<[string, Partial<BadgeFacts>, string[]]>([
    ['the first lesson', { completedLessons: 1, totalXp: 10 }, ['first_lesson']],
    ['a perfect score', { completedLessons: 1, perfectScoreThisAttempt: true }, ['first_lesson', 'perfect_score']],
    ['a 3-day streak', { completedLessons: 3, currentStreak: 3, longestStreak: 3 }, ['first_lesson', 'streak_3']],
    [
      '7 days, from the longest run',
      { completedLessons: 9, currentStreak: 1, longestStreak: 7 },
      ['first_lesson', 'streak_3', 'streak_7'],
    ],
    [
      '30 days',
      { completedLessons: 30, currentStreak: 30, longestStreak: 30 },
      ['first_lesson', 'streak_3', 'streak_7', 'streak_30'],
    ],
    ['99 XP', { completedLessons: 5, totalXp: 99 }, ['first_lesson']],
    ['100 XP', { completedLessons: 5, totalXp: 100 }, ['first_lesson', 'xp_100']],
    ['1000 XP', { completedLessons: 50, totalXp: 1_000 }, ['first_lesson', 'xp_100', 'xp_1000']],
    [
      'a completed topic',
      { completedLessons: 4, topicsCompleted: ['cloud'], topicsTouched: ['cloud'] },
      ['first_lesson', 'topic_completed:cloud'],
    ],
    [
      'every topic touched',
      { completedLessons: 3, topicsTouched: ['data', 'apis', 'cloud'] },
      ['first_lesson', 'all_topics_touched'],
    ],
    ['two of three topics touched', { completedLessons: 2, topicsTouched: ['data', 'apis'] }, ['first_lesson']],
  ])('for %s awards %j', (_, overrides, badges) => {
    expect(newBadges(facts(overrides))).toEqual(badges);
  });

  it('lists completed topics in curriculum order, then topics no longer listed by name', () => {
    const completed = facts({ completedLessons: 9, topicsCompleted: ['retired', 'data', 'apis', 'archived'] });
    expect(newBadges(completed)).toEqual([
      'first_lesson',
      'topic_completed:apis',
      'topic_completed:data',
      'topic_completed:archived',
      'topic_completed:retired',
    ]);
  });

  it('awards no badge already held', () => {
    const all = facts({
      completedLessons: 40,
      currentStreak: 30,
      totalXp: 1_500,
      perfectScoreThisAttempt: true,
      topicsCompleted: ['apis'],
      topicsTouched: ['apis', 'cloud', 'data'],
    });
    const first = newBadges(all);
    expect(first).toEqual([
      ...FIXED_BADGES.filter((code) => code !== 'all_topics_touched'),
      'topic_completed:apis',
      'all_topics_touched',
    ]);
    expect(newBadges({ ...all, held: first })).toEqual([]);
    expect(newBadges({ ...all, held: ['streak_7', 'topic_completed:apis'] })).not.toContain('streak_7');
  });

  it('awards no explorer badge for an empty curriculum', () => {
    expect(newBadges(facts({ completedLessons: 1, allTopics: [] }))).toEqual(['first_lesson']);
  });

  it('is monotonic and never repeats a held badge (property-based)', () => {
    const topics = fc.subarray(['apis', 'cloud', 'data']);
    const anyFacts = fc.record({
      completedLessons: fc.nat(100),
      currentStreak: fc.nat(40),
      longestStreak: fc.nat(40),
      totalXp: fc.nat(2_000),
      perfectScoreThisAttempt: fc.boolean(),
      topicsCompleted: topics,
      topicsTouched: topics,
      allTopics: fc.constant(['apis', 'cloud', 'data']),
      held: fc.subarray([...FIXED_BADGES, 'topic_completed:apis']),
    });
    fc.assert(
      fc.property(anyFacts, fc.nat(500), (badgeFacts, moreXp) => {
        const awarded = newBadges(badgeFacts);
        expect(awarded.filter((code) => badgeFacts.held.includes(code))).toEqual([]);
        expect(new Set(awarded).size).toBe(awarded.length);
        expect(awarded.every(isBadgeCode)).toBe(true);
        const richer = newBadges({ ...badgeFacts, totalXp: badgeFacts.totalXp + moreXp });
        expect(awarded.every((code) => richer.includes(code))).toBe(true);
      }),
    );
  });
});

describe('badge catalogue', () => {
  it('describes every fixed badge with a title and a description', () => {
    for (const code of FIXED_BADGES) {
      expect(describeBadge(code)).toEqual({ code, title: expect.any(String), description: expect.any(String) });
    }
    expect(describeBadge('streak_7')).toEqual({
      code: 'streak_7',
      title: 'Week warrior',
      description: 'Learned 7 days in a row',
    });
  });

  it('names a completed topic by its title when given one, else by its slug', () => {
    expect(describeBadge('topic_completed:cloud', 'Cloud computing')).toEqual({
      code: 'topic_completed:cloud',
      title: 'Cloud computing completed',
      description: 'Passed every lesson of Cloud computing',
    });
    expect(describeBadge('topic_completed:cloud').title).toBe('cloud completed');
  });

  it.each([
    ['first_lesson', true],
    ['topic_completed:cloud-basics', true],
    ['topic_completed:', false],
    ['topic_completed:Cloud', false],
    ['streak_5', false],
    ['', false],
  ])('%j is a badge code: %s', (code, valid) => {
    expect(isBadgeCode(code)).toBe(valid);
  });

  it('reads the topic back from a topic badge only', () => {
    expect(topicOfBadge('topic_completed:apis')).toBe('apis');
    expect(topicOfBadge('first_lesson')).toBeUndefined();
  });
});
