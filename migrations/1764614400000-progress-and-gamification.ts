import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-graded attempts, the XP ledger, streaks and the outbox (issue #5; ADR 0005).
 * - `lesson_attempts` keeps every attempt (the attempt history): the published `lesson_version`
 *   it answered, what the learner sent, and the local day it counted on. An attempt sent with an
 *   `Idempotency-Key` also keeps the key, a fingerprint of the request and the response it got, so
 *   a retry is answered from PostgreSQL (durable: a Redis outage cannot make it count twice).
 *   UNIQUE (user_id, idempotency_key) is the final guard against two concurrent first tries;
 *   attempts without a key are NULL there and never conflict.
 * - `progress` gains `attempt_count` and `last_attempt_at`; `score` stays the best score and
 *   `completed_at` the first completion.
 * - `xp_ledger` is append-only, UNIQUE (user_id, source_type, source_id) so no source can pay
 *   twice; `users.xp_points` is kept equal to its sum in the same statement that appends.
 *   `(created_at, user_id)` serves the weekly leaderboard's rebuild; `(user_id, created_at)` a
 *   user's history and weekly total.
 * - `streaks`: one row per learner; `state` is the streak's checkpoint and recent active days (see
 *   the gamification domain), the columns beside it are what reads need without parsing it.
 * - `outbox`: domain events written in the transaction that caused them, relayed to BullMQ by the
 *   worker. The partial index holds only what is still to relay, so the relay's scan stays small.
 */
export class ProgressAndGamification1764614400000 implements MigrationInterface {
  name = 'ProgressAndGamification1764614400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE progress
        ADD COLUMN attempt_count   integer NOT NULL DEFAULT 0,
        ADD COLUMN last_attempt_at timestamptz,
        ADD CONSTRAINT progress_attempt_count_non_negative CHECK (attempt_count >= 0)`);

    await queryRunner.query(`
      CREATE TABLE lesson_attempts (
        attempt_id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id             integer     NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        lesson_id           integer     NOT NULL REFERENCES lessons (lesson_id) ON DELETE RESTRICT,
        lesson_version      integer     NOT NULL,
        score               smallint    NOT NULL,
        passed              boolean     NOT NULL,
        answers             jsonb       NOT NULL,
        started_at          timestamptz,
        completed_at        timestamptz NOT NULL,
        local_day           date        NOT NULL,
        recorded_at         timestamptz NOT NULL DEFAULT now(),
        idempotency_key     text,
        request_fingerprint text,
        response            jsonb,
        CONSTRAINT lesson_attempts_score_range CHECK (score BETWEEN 0 AND 100),
        CONSTRAINT lesson_attempts_started_before_completed CHECK (started_at IS NULL OR started_at <= completed_at),
        CONSTRAINT lesson_attempts_key_has_fingerprint CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL)),
        CONSTRAINT lesson_attempts_user_idempotency_key UNIQUE (user_id, idempotency_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX lesson_attempts_user_lesson_idx ON lesson_attempts (user_id, lesson_id, attempt_id DESC)`,
    );
    // For the lessons' ON DELETE RESTRICT check.
    await queryRunner.query(`CREATE INDEX lesson_attempts_lesson_idx ON lesson_attempts (lesson_id)`);

    await queryRunner.query(`
      CREATE TABLE xp_ledger (
        entry_id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id     integer     NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        amount      integer     NOT NULL,
        reason      text        NOT NULL,
        source_type text        NOT NULL,
        source_id   text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT xp_ledger_amount_positive CHECK (amount > 0),
        CONSTRAINT xp_ledger_user_source_key UNIQUE (user_id, source_type, source_id)
      )`);
    await queryRunner.query(`CREATE INDEX xp_ledger_created_user_idx ON xp_ledger (created_at, user_id)`);
    await queryRunner.query(`CREATE INDEX xp_ledger_user_created_idx ON xp_ledger (user_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE streaks (
        user_id         integer     PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
        current_days    integer     NOT NULL,
        longest_days    integer     NOT NULL,
        freezes_left    smallint    NOT NULL,
        last_pass_at    timestamptz,
        state           jsonb       NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT streaks_current_within_longest CHECK (current_days BETWEEN 0 AND longest_days),
        CONSTRAINT streaks_freezes_range CHECK (freezes_left BETWEEN 0 AND 2)
      )`);

    await queryRunner.query(`
      CREATE TABLE outbox (
        event_id    uuid        PRIMARY KEY,
        type        text        NOT NULL,
        payload     jsonb       NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        relayed_at  timestamptz,
        attempts    integer     NOT NULL DEFAULT 0,
        last_error  text
      )`);
    await queryRunner.query(`CREATE INDEX outbox_unrelayed_idx ON outbox (occurred_at) WHERE relayed_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox`);
    await queryRunner.query(`DROP TABLE streaks`);
    await queryRunner.query(`DROP TABLE xp_ledger`);
    await queryRunner.query(`DROP TABLE lesson_attempts`);
    await queryRunner.query(`
      ALTER TABLE progress
        DROP CONSTRAINT progress_attempt_count_non_negative,
        DROP COLUMN last_attempt_at,
        DROP COLUMN attempt_count`);
  }
}
