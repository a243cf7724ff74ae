import { Module } from '@nestjs/common';
import { StreakStatusQuery } from './application/streak-status.query.js';
import { StreakRepository } from './application/streak.repository.js';
import { SqlStreakRepository } from './infrastructure/persistence/sql-streak.repository.js';

/**
 * Read access to streaks for other modules, needing PostgreSQL only (no boards, no personal-data
 * registry): what the worker's reminder jobs import.
 */
@Module({
  providers: [StreakStatusQuery, { provide: StreakRepository, useClass: SqlStreakRepository }],
  exports: [StreakStatusQuery],
})
export class StreakStatusModule {}
