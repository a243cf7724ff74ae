import type { Expo, ExpoPushMessage, ExpoPushReceipt, ExpoPushTicket } from 'expo-server-sdk';
import { classifyPushFailure } from '../../domain/delivery/push-failure.js';
import {
  PushProvider,
  type PushMessage,
  type PushReceipt,
  type PushSendResult,
} from '../../application/delivery/push-provider.js';

const NOT_AN_EXPO_TOKEN: PushSendResult = {
  ok: false,
  kind: 'device-not-registered',
  message: 'Not an Expo push token',
};

interface ExpoRequestError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Expo Push through expo-server-sdk: tickets at send time, receipts later. */
export class ExpoPushProvider extends PushProvider {
  readonly name = 'expo' as const;
  readonly maxBatchSize = 100;

  constructor(
    private readonly client: Expo,
    private readonly isExpoToken: (token: string) => boolean,
  ) {
    super();
  }

  async send(messages: readonly PushMessage[]): Promise<PushSendResult[]> {
    const results: PushSendResult[] = messages.map(() => NOT_AN_EXPO_TOKEN);
    // Expo refuses a whole request for one malformed token: such a message is never sent.
    const valid = messages.flatMap((message, index) => (this.isExpoToken(message.token) ? [{ message, index }] : []));
    const expoMessages: ExpoPushMessage[] = valid.map(({ message: { token, title, body, data } }) => ({
      to: token,
      title,
      body,
      data: { ...data },
      sound: 'default',
    }));
    let offset = 0;
    // The batcher hands over at most 100; chunking again keeps the adapter safe on its own.
    for (const chunk of this.client.chunkPushNotifications(expoMessages)) {
      let chunkResults: PushSendResult[];
      try {
        chunkResults = (await this.client.sendPushNotificationsAsync(chunk)).map(fromTicket);
      } catch (error) {
        chunkResults = chunk.map(() => requestFailure(error));
      }
      chunkResults.forEach((result, index) => (results[valid[offset + index].index] = result));
      offset += chunk.length;
    }
    return results;
  }

  async receipts(ticketIds: readonly string[]): Promise<Map<string, PushReceipt>> {
    const found = new Map<string, PushReceipt>();
    for (const chunk of this.client.chunkPushNotificationReceiptIds([...ticketIds])) {
      const receipts = await this.client.getPushNotificationReceiptsAsync(chunk);
      for (const [id, receipt] of Object.entries(receipts)) found.set(id, fromReceipt(receipt));
    }
    return found;
  }
}

export function fromTicket(ticket: ExpoPushTicket): PushSendResult {
  if (ticket.status === 'ok') return { ok: true, ticketId: ticket.id };
  return { ok: false, ...classifyPushFailure({ status: 200, code: ticket.details?.error, message: ticket.message }) };
}

export function fromReceipt(receipt: ExpoPushReceipt): PushReceipt {
  if (receipt.status === 'ok') return { status: 'ok' };
  const message = receipt.details?.error ? `${receipt.details.error}: ${receipt.message}` : receipt.message;
  return receipt.details?.error === 'DeviceNotRegistered'
    ? { status: 'device-not-registered', message }
    : { status: 'error', message };
}

/** A request Expo refused as a whole, or one that never got an answer. */
export function requestFailure(error: unknown): PushSendResult {
  const facts = (error ?? {}) as ExpoRequestError;
  const message = `Expo: ${facts.message ?? String(error)}`;
  return { ok: false, ...classifyPushFailure({ status: facts.statusCode, code: facts.code, message }) };
}
