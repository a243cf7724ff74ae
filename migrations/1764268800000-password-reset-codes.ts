import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emailed 6-digit password reset codes (auth module): at most one live code per user, stored as a
 * keyed hash (HMAC), valid 15 minutes, 5 tries. Gone with the user.
 */
export class PasswordResetCodes1764268800000 implements MigrationInterface {
  name = 'PasswordResetCodes1764268800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE password_reset_codes (
        user_id       integer     PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
        code_hash     bytea       NOT NULL,
        expires_at    timestamptz NOT NULL,
        attempts_left integer     NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT password_reset_codes_attempts_range CHECK (attempts_left BETWEEN 0 AND 5)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE password_reset_codes');
  }
}
