import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { runPrepared } from '@techtrek/platform';
import { DataSource, type EntityManager } from 'typeorm';
import {
  SessionRepository,
  type LockedRefreshToken,
  type NewRefreshToken,
  type RefreshTransaction,
  type SessionState,
} from '../../application/session.repository.js';

interface SessionRow {
  session_id: string;
  user_id: number;
  version: number;
  revoked_at: Date | null;
}

const toState = (row: SessionRow): SessionState => ({
  sessionId: row.session_id,
  userId: row.user_id,
  version: row.version,
  revoked: row.revoked_at !== null,
});

const START_SESSION = `
  WITH session AS (
    INSERT INTO sessions (session_id, user_id) VALUES ($1, $2) RETURNING session_id, user_id, version, revoked_at
  ), token AS (
    INSERT INTO refresh_tokens (token_hash, session_id, expires_at) SELECT $3, session_id, $4 FROM session
  )
  SELECT * FROM session`;

const REVOKE = `
  UPDATE sessions SET revoked_at = COALESCE(revoked_at, now()), revoked_reason = COALESCE(revoked_reason, $2),
                      version = version + 1
  WHERE session_id = $1 RETURNING session_id, user_id, version, revoked_at`;

@Injectable()
export class TypeOrmSessionRepository extends SessionRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** One statement (atomic on its own): a sign-in costs a single round trip here. */
  async start(userId: number, refreshToken: NewRefreshToken): Promise<SessionState> {
    const [row] = await runPrepared<SessionRow>(this.dataSource, 'auth.start-session', START_SESSION, [
      randomUUID(),
      userId,
      refreshToken.hash,
      refreshToken.expiresAt,
    ]);
    return toState(row);
  }

  withLockedRefreshToken<T>(
    tokenHash: Buffer,
    work: (token: LockedRefreshToken | undefined, transaction: RefreshTransaction) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT t.session_id, s.user_id, s.version, s.revoked_at, t.expires_at, t.used_at, t.successor_ciphertext
         FROM refresh_tokens t JOIN sessions s USING (session_id)
         WHERE t.token_hash = $1 FOR UPDATE OF t, s`,
        [tokenHash],
      )) as (SessionRow & { expires_at: Date; used_at: Date | null; successor_ciphertext: Buffer | null })[];
      const token: LockedRefreshToken | undefined = row && {
        sessionId: row.session_id,
        userId: row.user_id,
        sessionVersion: row.version,
        sessionRevoked: row.revoked_at !== null,
        expiresAt: row.expires_at,
        usedAt: row.used_at,
        successorCiphertext: row.successor_ciphertext,
      };
      return work(token, {
        markUsed: async (successorCiphertext) => {
          await manager.query(
            `UPDATE refresh_tokens SET used_at = now(), successor_ciphertext = $2 WHERE token_hash = $1`,
            [tokenHash, successorCiphertext],
          );
          await manager.query(`UPDATE sessions SET last_refreshed_at = now() WHERE session_id = $1`, [row.session_id]);
        },
        addRefreshToken: (next) => this.insertToken(manager, row.session_id, next),
        revokeSession: async (reason) =>
          toState(((await manager.query(REVOKE, [row.session_id, reason])) as [SessionRow[]])[0][0]),
      });
    });
  }

  async find(sessionId: string): Promise<SessionState | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT session_id, user_id, version, revoked_at FROM sessions WHERE session_id = $1`,
      [sessionId],
    )) as SessionRow[];
    return row && toState(row);
  }

  async revoke(sessionId: string, reason: string): Promise<SessionState | undefined> {
    const [rows] = (await this.dataSource.query(REVOKE, [sessionId, reason])) as [SessionRow[]];
    return rows[0] && toState(rows[0]);
  }

  async bumpAllOfUser(userId: number): Promise<SessionState[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE sessions SET version = version + 1 WHERE user_id = $1 AND revoked_at IS NULL
       RETURNING session_id, user_id, version, revoked_at`,
      [userId],
    )) as [SessionRow[]];
    return rows.map(toState);
  }

  async revokeAllOfUser(userId: number, reason: string, exceptSessionId?: string): Promise<SessionState[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2, version = version + 1
       WHERE user_id = $1 AND revoked_at IS NULL AND session_id IS DISTINCT FROM $3
       RETURNING session_id, user_id, version, revoked_at`,
      [userId, reason, exceptSessionId ?? null],
    )) as [SessionRow[]];
    return rows.map(toState);
  }

  private async insertToken(manager: EntityManager, sessionId: string, token: NewRefreshToken): Promise<void> {
    await manager.query(`INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ($1, $2, $3)`, [
      token.hash,
      sessionId,
      token.expiresAt,
    ]);
  }
}
