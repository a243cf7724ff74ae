import { RequestValidationError } from '../errors/request-errors.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** What a key may be: 1–255 printable ASCII characters (header, or a batch item's own key). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/**
 * The request's `Idempotency-Key`, or undefined when it sent none. The value is opaque, as Stripe
 * treats it: a client that quotes it (the IETF draft's structured-field string) must always quote it.
 * Anything outside printable ASCII is refused rather than normalised, so two spellings of one key
 * can never name different requests.
 */
export function idempotencyKeyOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const value = headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && IDEMPOTENCY_KEY_PATTERN.test(value)) return value;
  throw new RequestValidationError([
    { field: IDEMPOTENCY_KEY_HEADER, message: 'must be 1 to 255 printable ASCII characters' },
  ]);
}
