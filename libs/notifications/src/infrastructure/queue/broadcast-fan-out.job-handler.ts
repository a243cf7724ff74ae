import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobHandler } from '@techtrek/platform';
import { FanOutQueue, type FanOutBroadcastPayload } from '../../application/broadcasts/broadcast-jobs.js';
import { FanOutBroadcastUseCase } from '../../application/broadcasts/broadcast.use-cases.js';

/**
 * Runs one fan-out step, then queues the next as its own job (so a large audience never holds one
 * job, or one transaction, for long). The next step is queued after the commit and before this
 * job completes: if Redis refuses it, this job fails and its retry carries on from the stored
 * position, so the chain never stops half-way.
 */
@Injectable()
export class BroadcastFanOutJobHandler extends JobHandler<FanOutBroadcastPayload> {
  constructor(
    private readonly fanOut: FanOutBroadcastUseCase,
    private readonly steps: FanOutQueue,
  ) {
    super();
  }

  async handle(payload: FanOutBroadcastPayload): Promise<void> {
    if (!Number.isSafeInteger(payload.broadcastId)) {
      throw new UnrecoverableError(`Malformed fan-out: ${JSON.stringify(payload)}`);
    }
    const position = await this.fanOut.execute(payload.broadcastId);
    if (position !== undefined) await this.steps.queueStep(payload.broadcastId, position);
  }
}
