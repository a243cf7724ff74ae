import type { StreakState, StreakView } from '../domain/streak.js';

/** One streak per learner; callers hold the learner's lock (progress takes it per attempt). */
export abstract class StreakRepository {
  abstract find(userId: number): Promise<StreakState | undefined>;
  /**
   * Stores the state and what reads need without the streak's rules: the view, and the last local
   * day on which its current count stands without another pass (null when broken).
   */
  abstract save(userId: number, state: StreakState, view: StreakView, standsThrough: string | null): Promise<void>;
}
