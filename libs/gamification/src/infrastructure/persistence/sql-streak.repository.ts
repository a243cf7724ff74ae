import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import type { StreakState, StreakView } from '../../domain/streak.js';
import { StreakRepository } from '../../application/streak.repository.js';

/** The latest pass the state knows of, for queries that ask "passed today?" without parsing it. */
function lastPassAt(state: StreakState): string | null {
  const instants = [state.checkpoint.lastPass?.at, ...state.recent.map((day) => day.lastAt)].filter(
    (at): at is string => at !== undefined,
  );
  return instants.length === 0 ? null : instants.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
}

/**
 * Streaks in PostgreSQL. `users.current_streak` (the profile's `currentStreak`) mirrors the count,
 * with `current_streak_through`, the last local day it stands without another pass; gamification
 * owns those columns as it owns `users.xp_points`.
 */
@Injectable()
export class SqlStreakRepository extends StreakRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async find(userId: number): Promise<StreakState | undefined> {
    const [row] = (await this.transactions.manager.query(`SELECT state FROM streaks WHERE user_id = $1`, [userId])) as {
      state: StreakState;
    }[];
    return row?.state;
  }

  async save(userId: number, state: StreakState, view: StreakView, standsThrough: string | null): Promise<void> {
    await this.transactions.prepared(
      'gamification.save-streak',
      `WITH saved AS (
         INSERT INTO streaks (user_id, current_days, longest_days, freezes_left, last_pass_at, state)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id) DO UPDATE SET
           current_days = EXCLUDED.current_days, longest_days = EXCLUDED.longest_days,
           freezes_left = EXCLUDED.freezes_left, last_pass_at = EXCLUDED.last_pass_at,
           state = EXCLUDED.state, updated_at = now()
         RETURNING user_id
       )
       UPDATE users SET current_streak = $2, current_streak_through = $7 WHERE user_id = (SELECT user_id FROM saved)`,
      [userId, view.current, view.longest, view.freezesLeft, lastPassAt(state), JSON.stringify(state), standsThrough],
    );
  }
}
