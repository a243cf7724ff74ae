import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Redis, type ChainableCommander } from 'ioredis';
import { xpOfLeaderboardScore } from '../../domain/leaderboard-score.js';
import {
  LeaderboardStore,
  WEEKLY_BOARD_KEPT_MS,
  type BoardView,
  type LeaderboardBoard,
  type LeaderboardBuild,
  type ScoredUser,
  type Standing,
} from '../../application/leaderboard-store.js';

/*
 * Keys (under REDIS_KEY_PREFIX, which the client adds): `leaderboard:all`, `leaderboard:weekly:<2026-W48>`
 * (expiring 8 days after its week), `leaderboard:built` (set by a complete rebuild: its absence
 * means Redis lost the boards), `leaderboard:rebuild-lock`, and `leaderboard:building:<token>:…`
 * for boards being rebuilt. Members are user ids in decimal.
 */
const BUILT = 'leaderboard:built';
const LOCK = 'leaderboard:rebuild-lock';
const LOCK_MS = 5 * 60_000;
/** Boards of an abandoned rebuild (a crash) clean themselves up. */
const BUILDING_KEPT_MS = 60 * 60_000;

const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export function boardKey(board: LeaderboardBoard): string {
  return board.period === 'all' ? 'leaderboard:all' : `leaderboard:weekly:${board.week.label}`;
}

/** When a board's key expires: weekly boards a while after their week, the all-time one never. */
function expiresAt(board: LeaderboardBoard): number | null {
  return board.period === 'all' ? null : board.week.end.getTime() + WEEKLY_BOARD_KEPT_MS;
}

/** Runs a pipeline or transaction and returns its replies, throwing the first error. */
async function replies(commands: ChainableCommander): Promise<unknown[]> {
  const results = (await commands.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return results.map(([, reply]) => reply);
}

const standingFrom = (rank: unknown, score: unknown): Standing =>
  rank === null ? { rank: null, xp: 0 } : { rank: Number(rank) + 1, xp: xpOfLeaderboardScore(Number(score)) };

@Injectable()
export class RedisLeaderboardStore extends LeaderboardStore {
  constructor(private readonly redis: Redis) {
    super();
  }

  async read(board: LeaderboardBoard, limit: number, userIds: readonly number[]): Promise<BoardView | null> {
    const key = boardKey(board);
    const pipeline = this.redis.pipeline().exists(BUILT);
    if (limit > 0) pipeline.zrevrange(key, 0, limit - 1, 'WITHSCORES');
    for (const userId of userIds) pipeline.zrevrank(key, String(userId)).zscore(key, String(userId));
    const [built, ...rest] = await replies(pipeline);
    if (built !== 1) return null;
    const flat = limit > 0 ? (rest.shift() as string[]) : [];
    const top = [];
    for (let index = 0; index < flat.length; index += 2) {
      top.push({ userId: Number(flat[index]), xp: xpOfLeaderboardScore(Number(flat[index + 1])) });
    }
    const standings = userIds.map((_, index) => standingFrom(rest[2 * index], rest[2 * index + 1]));
    return { top, standings };
  }

  async standings(userId: number, boards: readonly LeaderboardBoard[]): Promise<Standing[] | null> {
    const pipeline = this.redis.pipeline().exists(BUILT);
    for (const board of boards)
      pipeline.zrevrank(boardKey(board), String(userId)).zscore(boardKey(board), String(userId));
    const [built, ...rest] = await replies(pipeline);
    if (built !== 1) return null;
    return boards.map((_, index) => standingFrom(rest[2 * index], rest[2 * index + 1]));
  }

  async write(userId: number, scores: readonly { board: LeaderboardBoard; score: number | null }[]): Promise<boolean> {
    const member = String(userId);
    const transaction = this.redis.multi();
    for (const { board, score } of scores) {
      const key = boardKey(board);
      // GT: a score computed from older data (a job that read before another committed) never wins.
      if (score === null) transaction.zrem(key, member);
      else transaction.zadd(key, 'GT', score, member);
      const expiry = expiresAt(board);
      if (expiry !== null && score !== null) transaction.pexpireat(key, expiry);
    }
    transaction.exists(BUILT);
    const results = await replies(transaction);
    return results.at(-1) === 1;
  }

  async remove(board: LeaderboardBoard, userIds: readonly number[]): Promise<void> {
    if (userIds.length > 0) await this.redis.zrem(boardKey(board), ...userIds.map(String));
  }

  async isBuilt(): Promise<boolean> {
    return (await this.redis.exists(BUILT)) === 1;
  }

  async startBuild(): Promise<LeaderboardBuild | null> {
    const token = randomUUID();
    const locked = await this.redis.set(LOCK, token, 'PX', LOCK_MS, 'NX');
    return locked === 'OK' ? new RedisLeaderboardBuild(this.redis, token) : null;
  }
}

class RedisLeaderboardBuild implements LeaderboardBuild {
  private readonly filled = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly token: string,
  ) {}

  async add(board: LeaderboardBoard, entries: readonly ScoredUser[]): Promise<void> {
    const members = entries.flatMap((entry) => (entry.score === null ? [] : [entry.score, String(entry.userId)]));
    if (members.length === 0) return;
    const key = this.buildingKey(board);
    this.filled.add(key);
    await replies(
      this.redis
        .pipeline()
        .zadd(key, ...members)
        .pexpire(key, BUILDING_KEPT_MS)
        .eval(EXTEND_LOCK, 1, LOCK, this.token, LOCK_MS),
    );
  }

  async publish(boards: readonly LeaderboardBoard[]): Promise<void> {
    const transaction = this.redis.multi();
    for (const board of boards) {
      const [building, live] = [this.buildingKey(board), boardKey(board)];
      if (!this.filled.has(building)) {
        transaction.del(live);
        continue;
      }
      transaction.rename(building, live);
      const expiry = expiresAt(board);
      if (expiry === null) transaction.persist(live);
      else transaction.pexpireat(live, expiry);
    }
    transaction.set(BUILT, new Date().toISOString()).eval(RELEASE_LOCK, 1, LOCK, this.token);
    await replies(transaction);
  }

  async abandon(): Promise<void> {
    const pipeline = this.redis.pipeline();
    if (this.filled.size > 0) pipeline.del(...this.filled);
    await replies(pipeline.eval(RELEASE_LOCK, 1, LOCK, this.token)).catch(() => undefined);
  }

  private buildingKey(board: LeaderboardBoard): string {
    return `leaderboard:building:${this.token}:${boardKey(board)}`;
  }
}
