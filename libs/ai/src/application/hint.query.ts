import { Injectable } from '@nestjs/common';
import { Clock } from '@techtrek/platform/kernel';
import { HintNotFoundError, HintNotReadyError, HintUnavailableError } from '../domain/ai.errors.js';
import type { HintAnswer } from './request-hint.use-case.js';
import { HintQuota } from './hint-quota.js';
import { HintRequestRepository } from './hint-request.repository.js';

/** A learner's own hint requests: polling a job (GET /ai/hint/:id) and rating a hint. */
@Injectable()
export class HintQuery {
  constructor(
    private readonly requests: HintRequestRepository,
    private readonly quota: HintQuota,
    private readonly clock: Clock,
  ) {}

  async poll(id: number, userId: number): Promise<HintAnswer> {
    const hint = await this.requests.findForLearner(id, userId);
    if (!hint) throw new HintNotFoundError();
    if (hint.status === 'failed') throw new HintUnavailableError();
    const remainingToday = await this.quota.remaining(userId, this.clock.now());
    return hint.status === 'pending'
      ? { status: 'pending', jobId: id, remainingToday }
      : { status: 'done', hint, remainingToday };
  }

  async rate(id: number, userId: number, helpful: boolean): Promise<void> {
    const result = await this.requests.rate(id, userId, helpful);
    if (!result) throw new HintNotFoundError();
    if (!result.rated) throw new HintNotReadyError();
  }
}
