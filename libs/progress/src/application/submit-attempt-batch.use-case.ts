import { Injectable } from '@nestjs/common';
import { DomainError } from '@techtrek/platform/kernel';
import type { AttemptOutcome } from './attempt-outcome.js';
import { SubmitAttemptUseCase, type SubmitAttemptInput } from './submit-attempt.use-case.js';

export type BatchAttemptInput = SubmitAttemptInput & Required<Pick<SubmitAttemptInput, 'completedAt' | 'idempotency'>>;

export type BatchAttemptResult =
  | { index: number; key: string; outcome: AttemptOutcome; replayed: boolean }
  | { index: number; key: string; refusal: DomainError };

/**
 * An offline session synced at once: each attempt is applied on its own (its own transaction and
 * key), oldest `completedAt` first so streaks and first passes land in the order they happened. A
 * refused attempt is reported and the rest go on; an unexpected failure stops the batch, and a
 * retry with the same keys replays what was already applied.
 */
@Injectable()
export class SubmitAttemptBatchUseCase {
  constructor(private readonly submitAttempt: SubmitAttemptUseCase) {}

  async execute(attempts: readonly BatchAttemptInput[]): Promise<BatchAttemptResult[]> {
    const inOrder = attempts
      .map((attempt, index) => ({ attempt, index }))
      .sort((a, b) => a.attempt.completedAt.getTime() - b.attempt.completedAt.getTime() || a.index - b.index);
    const results: BatchAttemptResult[] = [];
    for (const { attempt, index } of inOrder) results.push(await this.apply(attempt, index));
    return results.sort((a, b) => a.index - b.index);
  }

  private async apply(attempt: BatchAttemptInput, index: number): Promise<BatchAttemptResult> {
    const key = attempt.idempotency.key;
    try {
      const { outcome, replayed } = await this.submitAttempt.execute(attempt);
      return { index, key, outcome, replayed };
    } catch (error) {
      if (error instanceof DomainError) return { index, key, refusal: error };
      throw error;
    }
  }
}
