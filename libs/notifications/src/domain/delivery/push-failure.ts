/**
 * Why a push did not go out, as delivery acts on it: `device-not-registered` removes the device
 * (the app was uninstalled or the token expired), `transient` is tried again later with backoff,
 * `permanent` would fail again however often it is tried.
 */
export type PushFailureKind = 'device-not-registered' | 'transient' | 'permanent';

export interface PushFailure {
  kind: PushFailureKind;
  message: string;
}

/** What a provider request failed with, as far as an adapter can tell. */
export interface ProviderFailureFacts {
  /** HTTP status of the provider's answer; absent when no answer came (network, timeout). */
  status?: number;
  /** The provider's error code, e.g. Expo's `DeviceNotRegistered` or FCM's `messaging/…`. */
  code?: string;
  message: string;
}

const DEVICE_GONE_CODES = new Set([
  'DeviceNotRegistered',
  'messaging/registration-token-not-registered',
  'messaging/invalid-registration-token',
]);

const TRANSIENT_CODES = new Set([
  // Expo
  'TOO_MANY_REQUESTS',
  'MessageRateExceeded',
  'PUSH_TOO_MANY_EXPERIENCE_IDS',
  // FCM
  'messaging/message-rate-exceeded',
  'messaging/device-message-rate-exceeded',
  'messaging/server-unavailable',
  'messaging/internal-error',
  'messaging/unknown-error',
  'app/network-error',
  'app/network-timeout',
]);

/**
 * Sorts a provider failure. No answer at all, 408, 429 and 5xx are transient (the provider or
 * the way to it is busy or down); a code that says the device is gone wins over the status; any
 * other 4xx or code is permanent (bad credentials, a malformed or too large message).
 */
export function classifyPushFailure(facts: ProviderFailureFacts): PushFailure {
  const { status, code, message } = facts;
  if (code && DEVICE_GONE_CODES.has(code)) return { kind: 'device-not-registered', message };
  if (code && TRANSIENT_CODES.has(code)) return { kind: 'transient', message };
  if (status === undefined || status === 408 || status === 429 || status >= 500) return { kind: 'transient', message };
  return { kind: 'permanent', message };
}
