import type { PushFailure } from '../../domain/delivery/push-failure.js';

/** The adapters; `log` stands in for a provider that is not configured. */
export type PushProviderName = 'expo' | 'fcm' | 'log';

/** One push to one device. */
export interface PushMessage {
  token: string;
  title: string;
  body: string;
  data: Readonly<Record<string, string>>;
}

/** Per message, in the order sent: the provider's ticket, or why it refused the message. */
export type PushSendResult = { ok: true; ticketId: string } | ({ ok: false } & PushFailure);

/** What a provider finally did with a ticket's message. */
export type PushReceipt =
  { status: 'ok' } | { status: 'device-not-registered'; message: string } | { status: 'error'; message: string };

/**
 * A push service. `send` never throws for the provider's own failures: a whole request that fails
 * (network, 5xx, 429) gives every message of it the same classified failure. `receipts` answers
 * only the tickets whose receipt is ready; the others are asked again later.
 */
export abstract class PushProvider {
  abstract readonly name: PushProviderName;
  /** The most messages one request may carry. */
  abstract readonly maxBatchSize: number;
  abstract send(messages: readonly PushMessage[]): Promise<PushSendResult[]>;
  abstract receipts(ticketIds: readonly string[]): Promise<Map<string, PushReceipt>>;
}

/** Picks the adapter for a device's provider (`expo`, `fcm`) or for a stored ticket's provider. */
export abstract class PushProviders {
  abstract forDevice(provider: string): PushProvider;
  abstract byName(name: PushProviderName): PushProvider;
}
