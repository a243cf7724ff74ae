import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RebuildLeaderboardsUseCase } from '../../application/leaderboard-rebuild.use-case.js';
import { LeaderboardStore } from '../../application/leaderboard-store.js';

const CHECK_EVERY_MS = 60_000;
const WARN_EVERY_MS = 30_000;

/**
 * The worker rebuilds the boards from PostgreSQL whenever Redis has lost them (a restart without
 * persistence, a flush, an eviction): checked at start, when Redis reconnects, when a refresh
 * finds the boards unbuilt, and every minute. The store's lock lets one worker do it.
 */
@Injectable()
export class LeaderboardRebuildScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LeaderboardRebuild');
  private readonly stopping = new AbortController();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private lastWarning = Number.NEGATIVE_INFINITY;
  private readonly onReady = (): void => this.requestCheck();

  constructor(
    private readonly store: LeaderboardStore,
    private readonly rebuild: RebuildLeaderboardsUseCase,
    private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.requestCheck(), CHECK_EVERY_MS);
    this.timer.unref();
    this.redis.on('ready', this.onReady);
    this.requestCheck();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
    this.stopping.abort();
    await this.running;
  }

  /** Checks soon; a request made while a check runs is served by one more check after it. */
  requestCheck(): void {
    if (this.stopping.signal.aborted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.check().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.requestCheck();
      }
    });
  }

  private async check(): Promise<void> {
    try {
      if (await this.store.isBuilt()) return;
      const report = await this.rebuild.execute(this.stopping.signal);
      if (report) {
        this.logger.log(
          `Leaderboards rebuilt from PostgreSQL: ${report.allTime} all-time, ${report.weekly} in ${report.week}, ` +
            `${report.caughtUp} refreshed after the swap`,
        );
      }
    } catch (error) {
      if (this.stopping.signal.aborted || Date.now() - this.lastWarning < WARN_EVERY_MS) return;
      this.lastWarning = Date.now();
      this.logger.warn(`Leaderboard rebuild check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
