import { Injectable, Logger } from '@nestjs/common';
import { UserDirectory } from '@techtrek/auth';
import { Clock } from '@techtrek/platform/kernel';
import { leaderboardWeekOf } from '../domain/leaderboard-score.js';
import { LeaderboardLedger } from './leaderboard-ledger.js';
import {
  LeaderboardStore,
  type BoardEntry,
  type BoardView,
  type LeaderboardBoard,
  type LeaderboardPeriod,
  type Standing,
} from './leaderboard-store.js';

export interface LeaderboardRow {
  rank: number;
  userId: number;
  username: string;
  xp: number;
}

export interface LeaderboardPage {
  top: LeaderboardRow[];
  me: Standing;
}

const WARN_EVERY_MS = 30_000;
/**
 * A top list's usernames are looked up again when the list changes (who is in it, or their XP),
 * and at least this often, for renames and deleted accounts. Most reads of a busy board then
 * cost no PostgreSQL query: the list itself always comes fresh from the store.
 */
const NAMES_KEPT_MS = 5_000;
const NAMED_TOPS_KEPT = 256;

interface NamedTop {
  signature: string;
  rows: LeaderboardRow[];
  expiresAt: number;
}

/**
 * Reads the boards: from the store (Redis) when it is built and reachable, otherwise from
 * PostgreSQL, slower but with the same order, so a Redis outage never fails a read. Only
 * usernames, XP and ranks leave this service: nothing else about another learner.
 */
@Injectable()
export class Leaderboards {
  private readonly logger = new Logger('Leaderboards');
  private lastWarning = Number.NEGATIVE_INFINITY;
  private readonly namedTops = new Map<string, NamedTop>();

  constructor(
    private readonly store: LeaderboardStore,
    private readonly ledger: LeaderboardLedger,
    private readonly users: UserDirectory,
    private readonly clock: Clock,
  ) {}

  async top(period: LeaderboardPeriod, limit: number): Promise<LeaderboardRow[]> {
    return (await this.page(period, limit, [])).top;
  }

  async standingOf(userId: number, period: LeaderboardPeriod): Promise<Standing> {
    return (await this.standingsOf(userId))[period === 'all' ? 'allTime' : 'weekly'];
  }

  /** Both of a learner's standings, in one round trip to the store. */
  async standingsOf(userId: number): Promise<{ allTime: Standing; weekly: Standing }> {
    const boards = [this.board('all'), this.board('weekly')];
    const stored = await this.fromStore(() => this.store.standings(userId, boards));
    const [allTime, weekly] =
      stored ?? (await Promise.all(boards.map((board) => this.ledger.standingOf(userId, board))));
    return { allTime: allTime!, weekly: weekly! };
  }

  /** The top `limit` of a board and the caller's own standing on it (GET /gamification/leaderboard). */
  async pageFor(userId: number, period: LeaderboardPeriod, limit: number): Promise<LeaderboardPage> {
    const { top, standings } = await this.page(period, limit, [userId]);
    return { top, me: standings[0]! };
  }

  private async page(
    period: LeaderboardPeriod,
    limit: number,
    userIds: readonly number[],
  ): Promise<{ top: LeaderboardRow[]; standings: Standing[] }> {
    const board = this.board(period);
    const view: BoardView = (await this.fromStore(() => this.store.read(board, limit, userIds))) ?? {
      top: await this.ledger.top(board, limit),
      standings: await Promise.all(userIds.map((userId) => this.ledger.standingOf(userId, board))),
    };
    return { top: await this.named(board, view.top), standings: view.standings };
  }

  private board(period: LeaderboardPeriod): LeaderboardBoard {
    return period === 'all' ? { period } : { period, week: leaderboardWeekOf(this.clock.now()) };
  }

  /** Ranks are positions among learners who still exist: deleted accounts are skipped and taken off. */
  private async named(board: LeaderboardBoard, entries: BoardEntry[]): Promise<LeaderboardRow[]> {
    const key = `${board.period === 'all' ? 'all' : board.week.label}:${entries.length}`;
    const signature = entries.map((entry) => `${entry.userId}:${entry.xp}`).join(',');
    const now = this.clock.now().getTime();
    const known = this.namedTops.get(key);
    if (known && known.signature === signature && known.expiresAt > now) return known.rows;

    const cards = await this.users.findCards(entries.map((entry) => entry.userId));
    const gone = entries.filter((entry) => !cards.has(entry.userId)).map((entry) => entry.userId);
    if (gone.length > 0) void this.store.remove(board, gone).catch(() => undefined);
    const rows = entries
      .filter((entry) => cards.has(entry.userId))
      .map((entry, index) => ({
        rank: index + 1,
        userId: entry.userId,
        username: cards.get(entry.userId)!.username,
        xp: entry.xp,
      }));
    this.namedTops.delete(key);
    this.namedTops.set(key, { signature, rows, expiresAt: now + NAMES_KEPT_MS });
    if (this.namedTops.size > NAMED_TOPS_KEPT) this.namedTops.delete(this.namedTops.keys().next().value!);
    return rows;
  }

  private async fromStore<T>(read: () => Promise<T | null>): Promise<T | null> {
    try {
      return await read();
    } catch (error) {
      if (Date.now() - this.lastWarning >= WARN_EVERY_MS) {
        this.lastWarning = Date.now();
        this.logger.warn(
          `Leaderboards answered from PostgreSQL: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return null;
    }
  }
}
