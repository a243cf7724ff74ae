import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techtrek/platform';
import { Clock } from '@techtrek/platform/kernel';
import { HintQuotaExceededError, HintUnavailableError } from '../domain/ai.errors.js';
import { hintCacheIdentity } from '../domain/hint-cache-identity.js';
import type { HintLevel, LearnerAnswer } from '../domain/hint-context.js';
import { nextHintLevel } from '../domain/hint-level.js';
import { HintCache } from './hint-cache.js';
import { HintJobs } from './hint-jobs.js';
import { HintMaterialSource } from './hint-material.js';
import { HintMetrics } from './hint-metrics.js';
import { HintQuota, type QuotaReservation } from './hint-quota.js';
import { HintRequestRepository, type HintAsk, type HintView } from './hint-request.repository.js';
import { ServedHintRecorder } from './served-hint-recorder.js';

export interface HintQuestion {
  userId: number;
  lessonId: number;
  exerciseId?: string;
  question?: string;
  userAnswer?: LearnerAnswer;
  level?: HintLevel;
}

export type HintAnswer =
  | { status: 'done'; hint: HintView; remainingToday: number }
  | { status: 'pending'; jobId: number; remainingToday: number };

/**
 * POST /ai/hint: a cached hint at once, otherwise a job on the `hints` queue that the request
 * waits for (HINT_WAIT_MS) before handing the learner a job id to poll. One quota unit is
 * reserved first; until the job is queued this use case gives it back on failure, after that
 * the worker settles it.
 */
@Injectable()
export class RequestHintUseCase {
  constructor(
    private readonly material: HintMaterialSource,
    private readonly requests: HintRequestRepository,
    private readonly served: ServedHintRecorder,
    private readonly quota: HintQuota,
    private readonly cache: HintCache,
    private readonly jobs: HintJobs,
    private readonly metrics: HintMetrics,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute(question: HintQuestion): Promise<HintAnswer> {
    const started = performance.now();
    const { lesson, exercise } = await this.material.load(question.lessonId, question.exerciseId ?? null);
    const exerciseId = exercise?.id ?? null;
    const level =
      question.level ?? nextHintLevel(await this.requests.previousLevel(question.userId, lesson.id, exerciseId));
    const ask: HintAsk = {
      userId: question.userId,
      lessonId: lesson.id,
      lessonVersion: lesson.version,
      topic: lesson.topic,
      exerciseId,
      level,
      question: question.question ?? null,
      userAnswer: question.userAnswer ?? null,
    };
    const reservation = await this.reserve(question.userId);
    let queued = false;
    try {
      const identity = hintCacheIdentity({ lesson, exercise, level, ...optionalText(question) });
      const cached = await this.cache.get(identity);
      if (cached) {
        const latencyMs = Math.round(performance.now() - started);
        const id = await this.served.recordCached(ask, cached, latencyMs);
        this.metrics.served({
          ...cached,
          outcome: 'served',
          cached: true,
          latencyMs,
          tokensIn: 0,
          tokensOut: 0,
          costUsd: 0,
        });
        const hint: HintView = { id, status: 'done', level, cached: true, createdAt: this.clock.now(), ...cached };
        return { status: 'done', hint, remainingToday: reservation.remaining };
      }
      const id = await this.requests.createPending(ask);
      await this.enqueue(id);
      queued = true;
      return await this.awaitHint(id, question.userId, reservation.remaining);
    } catch (error) {
      if (!queued) await this.quota.refund(reservation);
      throw error;
    }
  }

  private async reserve(userId: number): Promise<QuotaReservation> {
    const decision = await this.quota.reserve(userId, this.clock.now());
    if (!decision.granted) throw new HintQuotaExceededError(this.quota.dailyLimit, decision.retryAfterSeconds);
    return decision.reservation;
  }

  private async enqueue(id: number): Promise<void> {
    try {
      await this.jobs.enqueue(id);
    } catch (error) {
      await this.requests.fail(id, []);
      throw error;
    }
  }

  private async awaitHint(id: number, userId: number, remainingToday: number): Promise<HintAnswer> {
    const finished = await this.jobs.waitForFinish(id, this.config.get('HINT_WAIT_MS', { infer: true }));
    if (!finished) return { status: 'pending', jobId: id, remainingToday };
    const hint = await this.requests.findForLearner(id, userId);
    if (hint?.status !== 'done') throw new HintUnavailableError();
    return { status: 'done', hint, remainingToday };
  }
}

function optionalText({ question, userAnswer }: HintQuestion): { question?: string; userAnswer?: LearnerAnswer } {
  return { ...(question === undefined ? {} : { question }), ...(userAnswer === undefined ? {} : { userAnswer }) };
}
