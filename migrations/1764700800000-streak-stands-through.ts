import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `users.current_streak` is written when a pass changes the streak, so on its own it would go on
 * showing a streak the learner has since broken. `current_streak_through` is the last local day
 * (in the learner's zone) on which that count still stands without another pass; readers compare
 * it with today in `users.timezone` and show 0 after it. Written by gamification with the count;
 * NULL means the count (0) needs no expiry.
 */
export class StreakStandsThrough1764700800000 implements MigrationInterface {
  name = 'StreakStandsThrough1764700800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN current_streak_through date`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP COLUMN current_streak_through`);
  }
}
