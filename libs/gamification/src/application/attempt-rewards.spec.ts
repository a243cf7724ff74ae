import { describe, expect, it } from '@jest/globals';
import { FixedClock } from '@techtrek/platform/kernel';
import type { BadgeCode } from '../domain/badge-catalogue.js';
import type { StreakState, StreakView } from '../domain/streak.js';
import type { XpLedgerEntry } from '../domain/xp-policy.js';
import { AttemptRewards, type AttemptRewardRequest } from './attempt-rewards.js';
import { BadgeRepository, type HeldBadge } from './badge.repository.js';
import type { GamificationEvents, RewardedAttempt } from './gamification-events.js';
import { RewardStandings, type RewardStanding } from './reward-standings.js';
import { StreakRepository } from './streak.repository.js';
import { XpLedger, type AppendedXpEntry, type XpAppendResult } from './xp-ledger.js';

class InMemoryLedger extends XpLedger {
  readonly entries: AppendedXpEntry[] = [];
  async append(_userId: number, entries: readonly XpLedgerEntry[]): Promise<XpAppendResult> {
    const previousXp = await this.totalOf();
    const appended = entries
      .filter((entry) => !this.entries.some((e) => e.sourceType === entry.sourceType && e.sourceId === entry.sourceId))
      .map((entry, index) => ({ ...entry, entryId: this.entries.length + index + 1, createdAt: NOW }));
    this.entries.push(...appended);
    return { appended, previousXp, totalXp: await this.totalOf() };
  }
  async totalOf(): Promise<number> {
    return this.entries.reduce((sum, entry) => sum + entry.amount, 0);
  }
}

class InMemoryStreaks extends StreakRepository {
  state?: StreakState;
  view?: StreakView;
  async find(): Promise<StreakState | undefined> {
    return this.state;
  }
  async save(_userId: number, state: StreakState, view: StreakView): Promise<void> {
    this.state = state;
    this.view = view;
  }
}

class InMemoryBadges extends BadgeRepository {
  readonly held: HeldBadge[] = [];
  async heldBy(): Promise<HeldBadge[]> {
    return [...this.held];
  }
  async award(_userId: number, badges: readonly BadgeCode[], at: Date): Promise<HeldBadge[]> {
    const fresh = badges.filter((badge) => !this.held.some((held) => held.badge === badge));
    const awarded = fresh.map((badge) => ({ badge, awardedAt: at }));
    this.held.push(...awarded);
    return awarded;
  }
}

/** The three fakes read together, as the one statement does. */
class InMemoryStandings extends RewardStandings {
  constructor(
    private readonly ledger: InMemoryLedger,
    private readonly streaks: InMemoryStreaks,
    private readonly badges: InMemoryBadges,
  ) {
    super();
  }
  async appendXpAndRead(userId: number, entries: readonly XpLedgerEntry[]): Promise<RewardStanding> {
    return {
      xp: await this.ledger.append(userId, entries),
      streak: await this.streaks.find(),
      held: await this.badges.heldBy(),
    };
  }
}

class RecordingEvents {
  readonly rewarded: RewardedAttempt[] = [];
  async attemptRewarded(attempt: RewardedAttempt): Promise<void> {
    this.rewarded.push(attempt);
  }
}

const NOW = new Date('2026-11-30T10:00:00Z');

function setUp() {
  const ledger = new InMemoryLedger();
  const streaks = new InMemoryStreaks();
  const badges = new InMemoryBadges();
  const events = new RecordingEvents();
  const rewards = new AttemptRewards(
    new InMemoryStandings(ledger, streaks, badges),
    streaks,
    badges,
    events as unknown as GamificationEvents,
    new FixedClock(NOW),
  );
  return { rewards, ledger, streaks, badges, events };
}

const attempt = (overrides: Partial<AttemptRewardRequest> = {}): AttemptRewardRequest => ({
  userId: 7,
  lessonId: 13,
  difficulty: 'intermediate',
  score: 80,
  passed: true,
  completedAt: NOW,
  timeZone: 'Europe/Berlin',
  passedBefore: false,
  perfectBefore: false,
  completedLessons: 1,
  topicsCompleted: [],
  topicsTouched: ['apis'],
  topics: [
    { topic: 'apis', title: 'APIs' },
    { topic: 'cloud', title: 'The cloud' },
  ],
  ...overrides,
});

describe('AttemptRewards', () => {
  it('pays a first pass by difficulty, starts the streak and awards the first-lesson badge', async () => {
    const { rewards, streaks, events } = setUp();

    const reward = await rewards.reward(attempt());

    expect(reward).toMatchObject({
      xpAwarded: 20,
      totalXp: 20,
      level: 1,
      streak: { current: 1, longest: 1, freezesLeft: 0 },
    });
    expect(reward.newBadges.map((badge) => [badge.code, badge.title])).toEqual([['first_lesson', 'First steps']]);
    expect(streaks.view?.current).toBe(1);
    expect(events.rewarded).toHaveLength(1);
  });

  it('reports a newly practised local day once, for the day’s first pass only', async () => {
    const { rewards, events } = setUp();

    await rewards.reward(attempt());
    await rewards.reward(attempt({ lessonId: 14, completedAt: new Date(NOW.getTime() + 60_000) }));
    await rewards.reward(attempt({ passed: false, score: 10 }));

    expect(events.rewarded.map((rewarded) => rewarded.streak.practiceDay)).toEqual([
      { localDay: '2026-11-30', timeZone: 'Europe/Berlin' },
      undefined,
      undefined,
    ]);
  });

  it('pays nothing and leaves the streak alone for a fail', async () => {
    const { rewards, streaks } = setUp();

    const reward = await rewards.reward(attempt({ passed: false, score: 40, completedLessons: 0, topicsTouched: [] }));

    expect(reward).toMatchObject({ xpAwarded: 0, totalXp: 0, streak: { current: 0 }, newBadges: [] });
    expect(streaks.state).toBeUndefined();
  });

  it('names a completed topic by its title and never awards a badge twice', async () => {
    const { rewards } = setUp();
    const completing = attempt({ score: 100, topicsCompleted: ['apis'] });

    const first = await rewards.reward(completing);
    const again = await rewards.reward({ ...completing, passedBefore: true, perfectBefore: true });

    expect(first.newBadges.map((badge) => badge.code)).toEqual([
      'first_lesson',
      'perfect_score',
      'topic_completed:apis',
    ]);
    expect(first.newBadges[2].title).toBe('APIs completed');
    expect(again.newBadges).toEqual([]);
    expect(again.xpAwarded).toBe(2); // the day's review
  });

  it('counts the streak on the learner’s local day', async () => {
    const { rewards } = setUp();
    // 23:30 in Berlin on the 28th, then 00:30 in Berlin on the 30th (still the 29th in UTC).
    await rewards.reward(attempt({ completedAt: new Date('2026-11-28T22:30:00Z') }));
    const next = await rewards.reward(attempt({ lessonId: 14, completedAt: new Date('2026-11-29T23:30:00Z') }));

    // The 29th in Berlin was missed and no freeze is held: the streak starts again.
    expect(next.streak.current).toBe(1);
    expect(next.streak.longest).toBe(1);
  });
});
