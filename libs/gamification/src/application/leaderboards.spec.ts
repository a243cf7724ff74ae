import { describe, expect, it } from '@jest/globals';
import { FixedClock } from '@techtrek/platform/kernel';
import { UserDirectory, type UserCard } from '@techtrek/auth';
import { leaderboardScore, xpOfLeaderboardScore } from '../domain/leaderboard-score.js';
import { LeaderboardLedger, type LedgerRow, type LedgerStanding } from './leaderboard-ledger.js';
import { RebuildLeaderboardsUseCase } from './leaderboard-rebuild.use-case.js';
import { RefreshLeaderboardUseCase } from './leaderboard-refresh.use-case.js';
import {
  LeaderboardStore,
  type BoardEntry,
  type BoardView,
  type LeaderboardBoard,
  type LeaderboardBuild,
  type ScoredUser,
  type Standing,
} from './leaderboard-store.js';
import { Leaderboards } from './leaderboards.js';

const NOW = new Date('2026-11-30T12:00:00Z'); // a Monday: week 2026-W49 began at midnight
const keyOf = (board: LeaderboardBoard): string => (board.period === 'all' ? 'all' : board.week.label);

/** Sorted sets in memory, ordered as Redis orders them (score, then member string, descending). */
class MemoryStore extends LeaderboardStore {
  boards = new Map<string, Map<string, number>>();
  built = true;
  down = false;
  locked = false;

  ranked(board: LeaderboardBoard): [string, number][] {
    return [...(this.boards.get(keyOf(board)) ?? new Map<string, number>())].sort(
      ([memberA, a], [memberB, b]) => b - a || (memberB > memberA ? 1 : memberB < memberA ? -1 : 0),
    );
  }

  private standing(board: LeaderboardBoard, userId: number): Standing {
    const index = this.ranked(board).findIndex(([member]) => member === String(userId));
    return index < 0
      ? { rank: null, xp: 0 }
      : { rank: index + 1, xp: xpOfLeaderboardScore(this.ranked(board)[index]![1]) };
  }

  private check(): boolean {
    if (this.down) throw new Error('Redis is down');
    return this.built;
  }

  async read(board: LeaderboardBoard, limit: number, userIds: readonly number[]): Promise<BoardView | null> {
    if (!this.check()) return null;
    const top = this.ranked(board)
      .slice(0, limit)
      .map(([member, score]) => ({ userId: Number(member), xp: xpOfLeaderboardScore(score) }));
    return { top, standings: userIds.map((userId) => this.standing(board, userId)) };
  }

  async standings(userId: number, boards: readonly LeaderboardBoard[]): Promise<Standing[] | null> {
    return this.check() ? boards.map((board) => this.standing(board, userId)) : null;
  }

  async write(userId: number, scores: readonly { board: LeaderboardBoard; score: number | null }[]): Promise<boolean> {
    this.check();
    for (const { board, score } of scores) {
      const set = this.boards.get(keyOf(board)) ?? new Map<string, number>();
      this.boards.set(keyOf(board), set);
      if (score === null) set.delete(String(userId));
      else set.set(String(userId), Math.max(score, set.get(String(userId)) ?? -1));
    }
    return this.built;
  }

  async remove(board: LeaderboardBoard, userIds: readonly number[]): Promise<void> {
    for (const userId of userIds) this.boards.get(keyOf(board))?.delete(String(userId));
  }

  async isBuilt(): Promise<boolean> {
    return this.check();
  }

  async startBuild(): Promise<LeaderboardBuild | null> {
    if (this.locked) return null;
    this.locked = true;
    const building = new Map<string, Map<string, number>>();
    return {
      add: async (board: LeaderboardBoard, entries: readonly ScoredUser[]) => {
        const set = building.get(keyOf(board)) ?? new Map<string, number>();
        building.set(keyOf(board), set);
        for (const entry of entries) set.set(String(entry.userId), entry.score!);
      },
      publish: async (boards: readonly LeaderboardBoard[]) => {
        for (const board of boards) this.boards.set(keyOf(board), building.get(keyOf(board)) ?? new Map());
        this.built = true;
        this.locked = false;
      },
      abandon: async () => {
        this.locked = false;
      },
    };
  }
}

interface Entry {
  userId: number;
  amount: number;
  at: Date;
}

/** The XP ledger as a list of entries; the weekly board is the week's entries. */
class MemoryLedger extends LeaderboardLedger {
  entries: Entry[] = [];
  failScan = false;
  duringScan?: () => Promise<void>;

  rows(board: LeaderboardBoard): LedgerRow[] {
    const inScope = this.entries.filter(
      (entry) => board.period === 'all' || (entry.at >= board.week.start && entry.at < board.week.end),
    );
    const byUser = new Map<number, LedgerRow>();
    for (const { userId, amount, at } of inScope) {
      const row = byUser.get(userId) ?? { userId, xp: 0, reachedAt: null };
      byUser.set(userId, {
        userId,
        xp: row.xp + amount,
        reachedAt: row.reachedAt && row.reachedAt > at ? row.reachedAt : at,
      });
    }
    return [...byUser.values()];
  }

  async standingsOf(userId: number, boards: readonly LeaderboardBoard[]): Promise<LedgerStanding[]> {
    return boards.map((board) => this.rows(board).find((row) => row.userId === userId) ?? { xp: 0, reachedAt: null });
  }

  async top(board: LeaderboardBoard, limit: number): Promise<BoardEntry[]> {
    const store = new MemoryStore();
    await store.write(0, []);
    for (const row of this.rows(board))
      await store.write(row.userId, [{ board, score: leaderboardScore(row.xp, row.reachedAt) }]);
    return (await store.read(board, limit, []))!.top;
  }

  async standingOf(userId: number, board: LeaderboardBoard): Promise<Standing> {
    const store = new MemoryStore();
    for (const row of this.rows(board))
      await store.write(row.userId, [{ board, score: leaderboardScore(row.xp, row.reachedAt) }]);
    return (await store.standings(userId, [board]))![0]!;
  }

  async scan(board: LeaderboardBoard, batchSize: number, each: (rows: LedgerRow[]) => Promise<void>): Promise<void> {
    const rows = this.rows(board);
    for (let index = 0; index < rows.length; index += batchSize) {
      if (this.failScan) throw new Error('connection lost');
      await each(rows.slice(index, index + batchSize));
      await this.duringScan?.();
    }
  }

  async awardedSince(since: Date): Promise<number[]> {
    return [...new Set(this.entries.filter((entry) => entry.at >= since).map((entry) => entry.userId))];
  }
}

class Directory extends UserDirectory {
  lookups = 0;

  constructor(readonly names: Record<number, string>) {
    super();
  }

  async findCards(userIds: readonly number[]): Promise<Map<number, UserCard>> {
    this.lookups += 1;
    return new Map(
      userIds
        .filter((id) => this.names[id])
        .map((id) => [id, { userId: id, username: this.names[id]!, timeZone: 'UTC' }]),
    );
  }
}

function world() {
  const store = new MemoryStore();
  const ledger = new MemoryLedger();
  const clock = new FixedClock(NOW);
  const directory = new Directory({ 1: 'ada', 2: 'bob', 3: 'cyd' });
  const refresh = new RefreshLeaderboardUseCase(ledger, store, clock);
  const leaderboards = new Leaderboards(store, ledger, directory, clock);
  const rebuild = new RebuildLeaderboardsUseCase(ledger, store, refresh, clock);
  const award = async (userId: number, amount: number, at: Date) => {
    ledger.entries.push({ userId, amount, at });
    return refresh.execute({ userId, at });
  };
  return { store, ledger, refresh, leaderboards, rebuild, award, directory, clock };
}

const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe('leaderboards', () => {
  it('ranks by XP, then by who reached it first; weekly counts only this week', async () => {
    const { leaderboards, award } = world();
    await award(1, 50, minutesAgo(10));
    await award(2, 50, minutesAgo(20));
    await award(3, 500, new Date('2026-11-20T00:00:00Z')); // last week
    expect(await leaderboards.top('all', 10)).toEqual([
      { rank: 1, userId: 3, username: 'cyd', xp: 500 },
      { rank: 2, userId: 2, username: 'bob', xp: 50 },
      { rank: 3, userId: 1, username: 'ada', xp: 50 },
    ]);
    expect((await leaderboards.top('weekly', 10)).map((row) => row.username)).toEqual(['bob', 'ada']);
    expect(await leaderboards.standingsOf(3)).toEqual({ allTime: { rank: 1, xp: 500 }, weekly: { rank: null, xp: 0 } });
  });

  it('gives the same answers from the ledger while the store is down or not built', async () => {
    const { store, leaderboards, award } = world();
    await award(1, 30, minutesAgo(5));
    await award(2, 30, minutesAgo(5));
    await award(3, 10, minutesAgo(1));
    const fromStore = [await leaderboards.pageFor(3, 'all', 2), await leaderboards.pageFor(1, 'weekly', 10)];
    store.down = true;
    expect([await leaderboards.pageFor(3, 'all', 2), await leaderboards.pageFor(1, 'weekly', 10)]).toEqual(fromStore);
    store.down = false;
    store.built = false;
    expect(await leaderboards.standingOf(3, 'all')).toEqual({ rank: 3, xp: 10 });
  });

  it('skips and forgets learners whose account is gone', async () => {
    const { store, leaderboards, award } = world();
    await award(9, 999, minutesAgo(3));
    await award(1, 5, minutesAgo(3));
    expect(await leaderboards.top('all', 10)).toEqual([{ rank: 1, userId: 1, username: 'ada', xp: 5 }]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.ranked({ period: 'all' }).map(([member]) => member)).toEqual(['1']);
  });
  it('looks usernames up again only when the top changes, or after a few seconds', async () => {
    const { leaderboards, award, directory, clock } = world();
    await award(1, 10, minutesAgo(3));
    await leaderboards.top('all', 10);
    await leaderboards.top('all', 10);
    expect(directory.lookups).toBe(1);
    await award(2, 20, minutesAgo(2));
    expect((await leaderboards.top('all', 10)).map((row) => row.username)).toEqual(['bob', 'ada']);
    expect(directory.lookups).toBe(2);
    directory.names[2] = 'bobby';
    clock.advanceBy(5_001);
    expect((await leaderboards.top('all', 10)).map((row) => row.username)).toEqual(['bobby', 'ada']);
  });
});

describe('refreshing a learner', () => {
  it('is idempotent and ignores stale or repeated events', async () => {
    const { store, refresh, award } = world();
    await award(1, 10, minutesAgo(30));
    await award(1, 15, minutesAgo(10));
    const before = store.ranked({ period: 'all' });
    await refresh.execute({ userId: 1, at: minutesAgo(30) });
    await refresh.execute({ userId: 1, at: minutesAgo(10) });
    expect(store.ranked({ period: 'all' })).toEqual(before);
    expect(xpOfLeaderboardScore(before[0]![1])).toBe(25);
  });

  it('does not bring back a weekly board past its lifetime', async () => {
    const { store, award } = world();
    await award(1, 10, new Date('2026-11-01T00:00:00Z'));
    expect([...store.boards.keys()]).toEqual(['all']);
  });

  it('reports when the boards are not built', async () => {
    const { store, award } = world();
    store.built = false;
    expect(await award(1, 10, minutesAgo(1))).toBe(false);
  });
});

describe('rebuilding', () => {
  it('rebuilds what the refreshes built, and one rebuild at a time', async () => {
    const { store, rebuild, award } = world();
    for (const [userId, amount, minutes] of [
      [1, 10, 90],
      [2, 10, 80],
      [1, 3, 70],
      [3, 13, 60],
      [2, 5, 9000],
    ]) {
      await award(userId!, amount!, minutesAgo(minutes!));
    }
    const live = [store.ranked({ period: 'all' }), [...store.boards.get('2026-W49')!]];
    store.boards.clear();
    store.built = false;
    expect(await rebuild.execute()).toEqual({ allTime: 3, weekly: 3, week: '2026-W49', caughtUp: 0 });
    expect([store.ranked({ period: 'all' }), [...store.boards.get('2026-W49')!]]).toEqual(live);
    store.locked = true;
    expect(await rebuild.execute()).toBeNull();
  });

  it('catches up with awards made while it copied, whose refreshes went to the boards it replaced', async () => {
    const { store, ledger, rebuild, award } = world();
    await award(1, 10, minutesAgo(60));
    ledger.duringScan = async () => {
      ledger.duringScan = undefined;
      await award(2, 20, minutesAgo(0));
    };
    store.built = false;
    expect(await rebuild.execute()).toMatchObject({ allTime: 1, caughtUp: 1 });
    expect(store.ranked({ period: 'all' }).map(([member]) => member)).toEqual(['2', '1']);
  });

  it('leaves the boards as they were and releases the lock when the copy fails', async () => {
    const { store, ledger, rebuild, award } = world();
    await award(1, 10, minutesAgo(1));
    const before = store.ranked({ period: 'all' });
    ledger.failScan = true;
    await expect(rebuild.execute()).rejects.toThrow('connection lost');
    expect(store.ranked({ period: 'all' })).toEqual(before);
    expect(store.locked).toBe(false);
  });

  it('stops between batches when asked to', async () => {
    const { rebuild, award, store } = world();
    await award(1, 10, minutesAgo(1));
    const stop = new AbortController();
    stop.abort();
    await expect(rebuild.execute(stop.signal)).rejects.toThrow();
    expect(store.locked).toBe(false);
  });
});
