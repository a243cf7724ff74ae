import { describe, expect, it } from '@jest/globals';
import {
  BadgeAwardedEvent,
  LevelReachedEvent,
  PracticeDayCountedEvent,
  StreakMilestoneReachedEvent,
  XpAwardedEvent,
  type GamificationEvent,
} from './gamification.events.js';

const at = new Date('2025-03-01T09:30:00.000Z');
const roundTrip = (event: GamificationEvent): unknown => JSON.parse(JSON.stringify(event));

describe('gamification events', () => {
  it.each<[GamificationEvent, Record<string, unknown>]>([
    [
      new XpAwardedEvent({ userId: 7, entryId: 31, reason: 'lesson_first_pass', amount: 20, totalXp: 120, at }),
      {
        type: 'gamification.xp_awarded',
        userId: 7,
        entryId: 31,
        reason: 'lesson_first_pass',
        amount: 20,
        totalXp: 120,
        at: '2025-03-01T09:30:00.000Z',
      },
    ],
    [
      new XpAwardedEvent({ userId: 7, reason: 'lesson_review', amount: 2, totalXp: 122, at }),
      {
        type: 'gamification.xp_awarded',
        userId: 7,
        reason: 'lesson_review',
        amount: 2,
        totalXp: 122,
        at: '2025-03-01T09:30:00.000Z',
      },
    ],
    [
      new LevelReachedEvent({ userId: 7, level: 2, totalXp: 120, at }),
      { type: 'gamification.level_reached', userId: 7, level: 2, totalXp: 120, at: '2025-03-01T09:30:00.000Z' },
    ],
    [
      new BadgeAwardedEvent({ userId: 7, badge: 'topic_completed:cloud', awardedAt: at }),
      {
        type: 'gamification.badge_awarded',
        userId: 7,
        badge: 'topic_completed:cloud',
        awardedAt: '2025-03-01T09:30:00.000Z',
      },
    ],
    [
      new StreakMilestoneReachedEvent({ userId: 7, milestone: 7, currentStreak: 9, at }),
      {
        type: 'gamification.streak_milestone_reached',
        userId: 7,
        milestone: 7,
        currentStreak: 9,
        at: '2025-03-01T09:30:00.000Z',
      },
    ],
    [
      new PracticeDayCountedEvent({
        userId: 7,
        localDay: '2025-03-01',
        timeZone: 'Europe/Berlin',
        currentStreak: 4,
        at,
      }),
      {
        type: 'gamification.practice_day_counted',
        userId: 7,
        localDay: '2025-03-01',
        timeZone: 'Europe/Berlin',
        currentStreak: 4,
        at: '2025-03-01T09:30:00.000Z',
      },
    ],
  ])('%#: serialises to exactly its plain data (outbox payload)', (event, json) => {
    expect(roundTrip(event)).toEqual(json);
    expect(Object.keys(roundTrip(event) as object).sort()).toEqual(Object.keys(json).sort());
  });
});
