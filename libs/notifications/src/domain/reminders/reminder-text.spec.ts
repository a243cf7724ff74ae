import { describe, expect, it } from '@jest/globals';
import { milestoneText } from '../milestones/milestone-text.js';
import { reminderText } from './reminder-text.js';

describe('reminderText', () => {
  it('names a streak at stake', () => {
    expect(reminderText({ current: 12, freezesLeft: 0 }).body).toBe(
      'Your 12-day streak ends at midnight — 5 minutes keeps it.',
    );
  });

  it('words a one-day streak for what it is', () => {
    expect(reminderText({ current: 1, freezesLeft: 0 }).body).toBe(
      'You learned yesterday — 5 minutes today starts a streak.',
    );
  });

  it('does not threaten a streak a freeze protects', () => {
    const text = reminderText({ current: 9, freezesLeft: 1 });
    expect(text.body).not.toContain('midnight');
    expect(text.body).toContain('9 days in a row');
  });

  it('invites without a streak, naming the next topic when known', () => {
    expect(reminderText({ current: 0, freezesLeft: 0 }).body).toBe('One 5-minute lesson is all it takes today.');
    expect(reminderText({ current: 0, freezesLeft: 0 }, 'Git basics').body).toContain('Git basics');
  });
});

describe('milestoneText', () => {
  it('words badges, levels and streaks', () => {
    expect(
      milestoneText({ kind: 'badge', code: 'xp_100', title: 'Getting started', description: 'Earned 100 XP' }),
    ).toEqual({
      title: 'New badge: Getting started',
      body: 'Earned 100 XP. Well earned!',
      data: { milestone: 'badge', badge: 'xp_100' },
    });
    expect(milestoneText({ kind: 'level', level: 3 }).title).toBe('Level 3!');
    expect(milestoneText({ kind: 'streak', days: 7 }).data).toEqual({ milestone: 'streak', days: '7' });
  });
});
