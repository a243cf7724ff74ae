import { Injectable } from '@nestjs/common';
import { Clock } from '@techtrek/platform/kernel';
import { Streak } from '../domain/streak.js';
import { StreakRepository } from './streak.repository.js';

export interface StreakStatus {
  /** Consecutive days as of now (0 once broken). */
  current: number;
  freezesLeft: number;
  /** A pass already counted today, in `timeZone`. */
  activeToday: boolean;
}

/**
 * A learner's streak as of now in a zone, for other modules (a daily reminder re-checks at send
 * time whether the learner has practised today, and names the streak at stake).
 */
@Injectable()
export class StreakStatusQuery {
  constructor(
    private readonly streaks: StreakRepository,
    private readonly clock: Clock,
  ) {}

  async of(userId: number, timeZone: string): Promise<StreakStatus> {
    const stored = await this.streaks.find(userId);
    const view = (stored ? Streak.restore(stored) : Streak.empty()).viewAsOf(this.clock.now(), timeZone);
    return { current: view.current, freezesLeft: view.freezesLeft, activeToday: view.activeToday };
  }
}
