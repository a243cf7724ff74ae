import type { StreakState, StreakView } from '../domain/streak.js';

/** One streak per learner; callers hold the learner's lock (progress takes it per attempt). */
export abstract class StreakRepository {
  abstract find(userId: number): Promise<StreakState | undefined>;
  /** Stores the state and the view reads need (current, longest, freezes, last active day). */
  abstract save(userId: number, state: StreakState, view: StreakView): Promise<void>;
}
