import { Injectable } from '@nestjs/common';
import type { HintContext } from '../domain/hint-context.js';
import { hintCacheIdentity } from '../domain/hint-cache-identity.js';
import { HintCache } from './hint-cache.js';
import { HintMaterialSource } from './hint-material.js';
import { HintMetrics } from './hint-metrics.js';
import { HintQuota } from './hint-quota.js';
import { HintRequestRepository, type StoredHintRequest } from './hint-request.repository.js';
import { HintWriter } from './hint-writer.js';
import { ServedHintRecorder } from './served-hint-recorder.js';

/**
 * The `hints` queue's job: writes the hint for a pending request, records it, and caches it
 * (unless it is the grounded hint standing in for providers that failed: those are asked again
 * next time). Runs at least once: a request that is no longer pending is left alone.
 */
@Injectable()
export class GenerateHintUseCase {
  constructor(
    private readonly requests: HintRequestRepository,
    private readonly served: ServedHintRecorder,
    private readonly material: HintMaterialSource,
    private readonly writer: HintWriter,
    private readonly cache: HintCache,
    private readonly quota: HintQuota,
    private readonly metrics: HintMetrics,
  ) {}

  async execute(requestId: number): Promise<void> {
    const request = await this.requests.find(requestId);
    if (request?.status !== 'pending') return;
    const started = performance.now();
    const context = await this.contextOf(request);
    const draft = await this.writer.write(context);
    const latencyMs = Math.round(performance.now() - started);
    if (!(await this.served.recordWritten(request, { ...draft, latencyMs }))) return;
    this.metrics.served({ ...draft, cached: false, latencyMs });
    const standIn = draft.provider === 'grounded' && draft.misses.some((miss) => miss.kind !== 'leaked');
    if (!standIn) await this.cache.set(hintCacheIdentity(context), draft);
  }

  /** A request that will never get its hint (the job's last try failed): fail it and give its quota unit back. */
  async abandon(requestId: number): Promise<void> {
    const request = await this.requests.find(requestId);
    if (request?.status !== 'pending' || !(await this.requests.fail(requestId, []))) return;
    this.metrics.failed();
    await this.quota.refund({ userId: request.userId, day: request.createdAt.toISOString().slice(0, 10) });
  }

  private async contextOf(request: StoredHintRequest): Promise<HintContext> {
    const { lesson, exercise } = await this.material.load(request.lessonId, request.exerciseId);
    return {
      lesson,
      exercise,
      level: request.level,
      ...(request.question === null ? {} : { question: request.question }),
      ...(request.userAnswer === null ? {} : { userAnswer: request.userAnswer }),
    };
  }
}
