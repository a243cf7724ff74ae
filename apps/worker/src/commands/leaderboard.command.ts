import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LeaderboardModule, RebuildLeaderboardsUseCase } from '@techtrek/gamification';
import { PlatformModule, type Environment } from '@techtrek/platform';

@Module({})
class LeaderboardCommandModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: LeaderboardCommandModule,
      imports: [PlatformModule.forRoot({ processName: 'cli', environment }), LeaderboardModule],
    };
  }
}

/**
 * Rebuilds the all-time and this week's leaderboards in Redis from the PostgreSQL ledger. Readers
 * keep the old boards until the new ones are swapped in whole. The worker does the same on its own
 * when Redis has lost the boards; this is for after a manual fix of the ledger.
 */
export async function rebuildLeaderboards(environment: Environment, log: (line: string) => void): Promise<void> {
  const app = await NestFactory.createApplicationContext(LeaderboardCommandModule.forRoot(environment), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const report = await app.get(RebuildLeaderboardsUseCase).execute();
    if (!report) throw new Error('another process is rebuilding the leaderboards; try again when it is done');
    log(
      `Leaderboards rebuilt: ${report.allTime} learners all-time, ${report.weekly} in ${report.week}; ` +
        `${report.caughtUp} refreshed for awards made meanwhile`,
    );
  } finally {
    await app.close();
  }
}
