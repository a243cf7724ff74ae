import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techtrek/platform';
import { Redis } from 'ioredis';
import { HintCache } from '../../application/hint-cache.js';
import type { CachedHint } from '../../application/hint-request.repository.js';

/** Hints by a hash of their identity (the learner's text never appears in a key), for HINT_CACHE_TTL_SECONDS. */
@Injectable()
export class RedisHintCache extends HintCache {
  private readonly ttlSeconds: number;

  constructor(
    private readonly redis: Redis,
    config: ConfigService<Environment, true>,
  ) {
    super();
    this.ttlSeconds = config.get('HINT_CACHE_TTL_SECONDS', { infer: true });
  }

  async get(identity: string): Promise<CachedHint | null> {
    if (this.ttlSeconds === 0) return null;
    const stored = await this.redis.get(cacheKey(identity));
    return stored === null ? null : (JSON.parse(stored) as CachedHint);
  }

  async set(identity: string, { hint, provider, model }: CachedHint): Promise<void> {
    if (this.ttlSeconds === 0) return;
    await this.redis.set(cacheKey(identity), JSON.stringify({ hint, provider, model }), 'EX', this.ttlSeconds);
  }
}

const cacheKey = (identity: string): string => `ai:hint:${createHash('sha256').update(identity).digest('base64url')}`;
