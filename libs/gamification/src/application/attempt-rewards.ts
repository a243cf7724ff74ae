import { Injectable } from '@nestjs/common';
import { Clock } from '@techtrek/platform/kernel';
import { describeBadge, topicOfBadge, type BadgeDescription } from '../domain/badge-catalogue.js';
import { newBadges } from '../domain/badge-rules.js';
import { levelFor } from '../domain/level-curve.js';
import { localDayOf } from '../domain/local-day.js';
import { Streak, type StreakState, type StreakView } from '../domain/streak.js';
import { xpForAttempt, type LessonDifficulty } from '../domain/xp-policy.js';
import { BadgeRepository, type HeldBadge } from './badge.repository.js';
import { GamificationEvents } from './gamification-events.js';
import { RewardStandings } from './reward-standings.js';
import { StreakRepository } from './streak.repository.js';

/** A graded attempt and what progress knows right after recording it (this attempt included). */
export interface AttemptRewardRequest {
  userId: number;
  lessonId: number;
  difficulty: LessonDifficulty;
  score: number;
  passed: boolean;
  completedAt: Date;
  /** The learner's IANA zone, whose calendar the streak and daily XP count in. */
  timeZone: string;
  passedBefore: boolean;
  perfectBefore: boolean;
  completedLessons: number;
  topicsCompleted: readonly string[];
  topicsTouched: readonly string[];
  /** Topics of the curriculum, in order, with their titles (badge names use them). */
  topics: readonly { topic: string; title: string }[];
}

export interface AwardedBadge extends BadgeDescription {
  awardedAt: Date;
}

export interface AttemptReward {
  xpAwarded: number;
  totalXp: number;
  level: number;
  streak: Pick<StreakView, 'current' | 'longest' | 'freezesLeft'>;
  newBadges: AwardedBadge[];
}

/**
 * Gamification's public entry for progress (ADR 0005): pays XP, moves the streak and awards badges
 * for one attempt, in the caller's transaction, and returns what the attempt's response shows.
 * The caller holds the learner's lock, so two attempts of one learner never interleave here.
 */
@Injectable()
export class AttemptRewards {
  constructor(
    private readonly standings: RewardStandings,
    private readonly streaks: StreakRepository,
    private readonly badges: BadgeRepository,
    private readonly events: GamificationEvents,
    private readonly clock: Clock,
  ) {}

  async reward(request: AttemptRewardRequest): Promise<AttemptReward> {
    const now = this.clock.now();
    const { timeZone } = request;
    const localDay = localDayOf(request.completedAt, timeZone);
    const standing = await this.standings.appendXpAndRead(request.userId, xpForAttempt({ ...request, localDay }));
    const { xp } = standing;
    const streak = await this.moveStreak(request, standing.streak, now);
    const awarded = await this.awardBadges(request, xp.totalXp, streak.view, standing.held, now);
    await this.events.attemptRewarded({
      userId: request.userId,
      xp,
      badges: awarded.map(({ code, awardedAt }) => ({ badge: code, awardedAt })),
      streak: { current: streak.view.current, milestone: streak.milestone, practiceDay: streak.practiceDay },
      at: now,
    });
    const { current, longest, freezesLeft } = streak.view;
    return {
      xpAwarded: xp.totalXp - xp.previousXp,
      totalXp: xp.totalXp,
      level: levelFor(xp.totalXp),
      streak: { current, longest, freezesLeft },
      newBadges: awarded,
    };
  }

  /** Only a pass counts for the streak; a fail still reports it as it stands. */
  private async moveStreak(request: AttemptRewardRequest, stored: StreakState | undefined, now: Date) {
    const { timeZone } = request;
    const streak = stored ? Streak.restore(stored) : Streak.empty();
    if (!request.passed) return { view: streak.viewAsOf(now, timeZone) };
    const activeTodayBefore = streak.viewAsOf(now, timeZone).activeToday;
    const outcome = streak.recordPass({ at: request.completedAt, timeZone }, now);
    if (!outcome.counted) return { view: outcome.view, milestone: outcome.milestone };
    await this.streaks.save(request.userId, outcome.state, outcome.view, streak.standsThrough(now, timeZone));
    // Today's second pass adds no day; a late pass (synced offline work) names its own day.
    const localDay = localDayOf(request.completedAt, timeZone);
    const newDay = localDay !== localDayOf(now, timeZone) || !activeTodayBefore;
    return {
      view: outcome.view,
      milestone: outcome.milestone,
      practiceDay: newDay ? { localDay, timeZone } : undefined,
    };
  }

  private async awardBadges(
    request: AttemptRewardRequest,
    totalXp: number,
    streak: StreakView,
    held: readonly HeldBadge[],
    now: Date,
  ): Promise<AwardedBadge[]> {
    const earned = newBadges({
      completedLessons: request.completedLessons,
      currentStreak: streak.current,
      longestStreak: streak.longest,
      totalXp,
      perfectScoreThisAttempt: request.score === 100,
      topicsCompleted: request.topicsCompleted,
      topicsTouched: request.topicsTouched,
      allTopics: request.topics.map(({ topic }) => topic),
      held: held.map(({ badge }) => badge),
    });
    const titles = new Map(request.topics.map(({ topic, title }) => [topic, title]));
    const awarded = await this.badges.award(request.userId, earned, now);
    return awarded.map(({ badge, awardedAt }) => ({
      ...describeBadge(badge, titles.get(topicOfBadge(badge) ?? '')),
      awardedAt,
    }));
  }
}
