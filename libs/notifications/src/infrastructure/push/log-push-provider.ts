import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import {
  PushProvider,
  type PushMessage,
  type PushReceipt,
  type PushSendResult,
} from '../../application/delivery/push-provider.js';

/**
 * The development default, and the stand-in for a provider that is not configured: logs each
 * message and returns synthetic tickets whose receipts are all `ok`, so the whole delivery path
 * (tickets, receipts) runs without a push service.
 */
export class LogPushProvider extends PushProvider {
  readonly name = 'log' as const;
  readonly maxBatchSize = 100;
  private readonly logger = new Logger('PushLog');

  async send(messages: readonly PushMessage[]): Promise<PushSendResult[]> {
    return messages.map(({ token, title, body }) => {
      const ticketId = `log-${randomUUID()}`;
      this.logger.log(`Push to ${token}: "${title}" ${JSON.stringify(body)} (ticket ${ticketId})`);
      return { ok: true, ticketId };
    });
  }

  async receipts(ticketIds: readonly string[]): Promise<Map<string, PushReceipt>> {
    return new Map(ticketIds.map((id) => [id, { status: 'ok' }]));
  }
}
