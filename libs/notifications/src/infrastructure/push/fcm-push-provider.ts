import type { BatchResponse, Message } from 'firebase-admin/messaging';
import { classifyPushFailure } from '../../domain/delivery/push-failure.js';
import {
  PushProvider,
  type PushMessage,
  type PushReceipt,
  type PushSendResult,
} from '../../application/delivery/push-provider.js';

/** The part of firebase-admin's `Messaging` the adapter uses (a seam for the mapping's tests). */
export interface FcmMessaging {
  sendEach(messages: Message[]): Promise<BatchResponse>;
}

interface FirebaseErrorFacts {
  code?: string;
  message?: string;
}

/**
 * FCM through firebase-admin's `sendEach` (HTTP v1, one call per message under the hood). FCM
 * answers each message at once, so its message id is the ticket and there is nothing to check
 * later: every receipt is `ok`.
 */
export class FcmPushProvider extends PushProvider {
  readonly name = 'fcm' as const;
  /** sendEach takes up to 500; 100 keeps one batch the same size for every provider. */
  readonly maxBatchSize = 100;

  constructor(private readonly messaging: FcmMessaging) {
    super();
  }

  async send(messages: readonly PushMessage[]): Promise<PushSendResult[]> {
    const fcmMessages: Message[] = messages.map(({ token, title, body, data }) => ({
      token,
      notification: { title, body },
      data: { ...data },
    }));
    try {
      const batch = await this.messaging.sendEach(fcmMessages);
      return batch.responses.map((response) =>
        response.success ? { ok: true, ticketId: response.messageId ?? '' } : answerFailure(response.error),
      );
    } catch (error) {
      const facts = (error ?? {}) as FirebaseErrorFacts;
      const failure: PushSendResult = {
        ok: false,
        ...classifyPushFailure({ code: facts.code, message: `FCM: ${facts.message ?? String(error)}` }),
      };
      return messages.map(() => failure);
    }
  }

  async receipts(ticketIds: readonly string[]): Promise<Map<string, PushReceipt>> {
    return new Map(ticketIds.map((id) => [id, { status: 'ok' }]));
  }
}

/**
 * FCM answered for this message: unless its code says otherwise, asking again will not help. An
 * `app/…` code is no answer from FCM but firebase-admin's own side failing before one (the network,
 * or the OAuth2 token it could not fetch: `app/invalid-credential`, also when the token host is
 * unreachable), so it counts as transient.
 */
export function answerFailure(error: FirebaseErrorFacts | undefined): PushSendResult {
  const message = `FCM: ${error?.code ?? 'error'}: ${error?.message ?? 'unknown'}`;
  const answered = !error?.code?.startsWith('app/');
  return { ok: false, ...classifyPushFailure({ status: answered ? 400 : undefined, code: error?.code, message }) };
}
