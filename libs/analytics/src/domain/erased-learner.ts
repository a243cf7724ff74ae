import { MalformedProductEventError } from './product-event-mapping.js';

/**
 * The distinct id an analytics tool knows an erased account by (the user id, as product events
 * name learners), read from the `auth.account_deleted` payload.
 */
export function distinctIdOfErasedAccount(payload: unknown): string {
  const userId = (payload as { userId?: unknown } | null)?.userId;
  if (typeof userId === 'number' && Number.isSafeInteger(userId) && userId > 0) return String(userId);
  throw new MalformedProductEventError('userId must be a positive integer');
}
