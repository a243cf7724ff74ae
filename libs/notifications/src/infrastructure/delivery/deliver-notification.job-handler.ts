import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, type JobContext } from '@techtrek/platform';
import { UnrecoverableError } from 'bullmq';
import { DELIVERY_ATTEMPTS, type DeliverNotificationPayload } from '../../application/delivery/delivery-jobs.js';
import { DeliverNotificationUseCase } from '../../application/delivery/deliver-notification.use-case.js';

/**
 * Runs one delivery try. A transient failure throws, so BullMQ retries with the job's backoff; a
 * permanent one (or the last try) throws UnrecoverableError, which keeps the job in the failed set
 * for inspection without further tries. An interrupted send is failed on the row, not the job.
 */
@Injectable()
export class DeliverNotificationJobHandler extends JobHandler<DeliverNotificationPayload> {
  private readonly logger = new Logger('Delivery');

  constructor(private readonly deliver: DeliverNotificationUseCase) {
    super();
  }

  async handle(payload: DeliverNotificationPayload, context: JobContext): Promise<void> {
    if (!Number.isInteger(payload.notificationId)) {
      throw new UnrecoverableError(`Malformed delivery job: ${JSON.stringify(payload)}`);
    }
    const outcome = await this.deliver.execute({
      notificationId: payload.notificationId,
      attempt: context.attempt,
      maxAttempts: DELIVERY_ATTEMPTS,
    });
    switch (outcome.kind) {
      case 'retry':
        throw new Error(`Notification ${payload.notificationId}: ${outcome.error}`);
      case 'failed':
        throw new UnrecoverableError(`Notification ${payload.notificationId}: ${outcome.error}`);
      case 'interrupted':
        this.logger.warn(`Notification ${payload.notificationId} was being sent by a worker that stopped; not resent`);
        return;
      default:
        return;
    }
  }
}
