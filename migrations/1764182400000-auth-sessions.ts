import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions and refresh tokens (auth module). A session is one signed-in device; its `version` is
 * carried in every access token and bumped by logout, password change and role change, so those
 * take effect at once (docs/adr/0004). Refresh tokens are stored only as SHA-256 hashes; a used
 * token keeps its successor pair encrypted with a key derived from the token itself, so a parallel
 * refresh within the grace window gets the same pair and nobody else can read it.
 */
export class AuthSessions1764182400000 implements MigrationInterface {
  name = 'AuthSessions1764182400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sessions (
        session_id        uuid        PRIMARY KEY,
        user_id           integer     NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        version           integer     NOT NULL DEFAULT 1,
        created_at        timestamptz NOT NULL DEFAULT now(),
        last_refreshed_at timestamptz NOT NULL DEFAULT now(),
        revoked_at        timestamptz,
        revoked_reason    text,
        CONSTRAINT sessions_version_positive CHECK (version > 0)
      )`);
    // A user's live sessions: global logout, password change, role change.
    await queryRunner.query(`CREATE INDEX sessions_user_live_idx ON sessions (user_id) WHERE revoked_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        token_hash           bytea       PRIMARY KEY,
        session_id           uuid        NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
        issued_at            timestamptz NOT NULL DEFAULT now(),
        expires_at           timestamptz NOT NULL,
        used_at              timestamptz,
        successor_ciphertext bytea,
        CONSTRAINT refresh_tokens_hash_length CHECK (octet_length(token_hash) = 32),
        CONSTRAINT refresh_tokens_successor_after_use CHECK (successor_ciphertext IS NULL OR used_at IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id)`);
    // The cleanup job's path: expired tokens.
    await queryRunner.query(`CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE refresh_tokens');
    await queryRunner.query('DROP TABLE sessions');
  }
}
