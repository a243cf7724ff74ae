import { Injectable } from '@nestjs/common';
import { distinctIdOfErasedAccount } from '../domain/erased-learner.js';
import { AnalyticsSink } from './analytics-sink.js';

/**
 * An erased account's product events are personal data held by the analytics tool: they go with
 * the account. The API's erasure transaction cannot reach Mixpanel, so the worker asks it afterwards.
 */
@Injectable()
export class ForgetErasedLearnerUseCase {
  constructor(private readonly sink: AnalyticsSink) {}

  /** `accountDeleted`: the `auth.account_deleted` payload. */
  async execute(accountDeleted: unknown): Promise<void> {
    await this.sink.forget([distinctIdOfErasedAccount(accountDeleted)]);
  }
}
