import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PasswordResetRepository, type ResetCodeTransaction } from '../../application/password-reset.repository.js';
import type { StoredResetCode } from '../../domain/password-reset.js';

@Injectable()
export class TypeOrmPasswordResetRepository extends PasswordResetRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async store(userId: number, code: StoredResetCode): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO password_reset_codes (user_id, code_hash, expires_at, attempts_left) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET code_hash = EXCLUDED.code_hash, expires_at = EXCLUDED.expires_at,
         attempts_left = EXCLUDED.attempts_left, created_at = now()`,
      [userId, code.codeHash, code.expiresAt, code.attemptsLeft],
    );
  }

  withLockedCode<T>(
    userId: number,
    work: (code: StoredResetCode | undefined, transaction: ResetCodeTransaction) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT code_hash, expires_at, attempts_left FROM password_reset_codes WHERE user_id = $1 FOR UPDATE`,
        [userId],
      )) as { code_hash: Buffer; expires_at: Date; attempts_left: number }[];
      const code = row && { codeHash: row.code_hash, expiresAt: row.expires_at, attemptsLeft: row.attempts_left };
      return work(code, {
        spendAttempt: async () => {
          await manager.query(`UPDATE password_reset_codes SET attempts_left = attempts_left - 1 WHERE user_id = $1`, [
            userId,
          ]);
        },
        consume: async () => {
          await manager.query(`DELETE FROM password_reset_codes WHERE user_id = $1`, [userId]);
        },
      });
    });
  }
}
