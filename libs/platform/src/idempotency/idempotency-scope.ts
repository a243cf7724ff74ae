import { createHash } from 'node:crypto';

/** What the auth guard leaves on the request, read structurally: the platform never imports auth. */
export interface CallerRequest {
  ip?: string;
  user?: unknown;
}

/** The signed-in user's id when the auth guard set one, else the client address (anonymous routes). */
export function callerOf(request: CallerRequest): string {
  const user = request.user as { userId?: unknown; id?: unknown } | undefined;
  const id = user?.userId ?? user?.id;
  if ((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id !== '')) return `user:${id}`;
  return `ip:${request.ip ?? 'unknown'}`;
}

export interface IdempotencyScope {
  method: string;
  /** The route template (`/progress/:id`), not the path, so a key belongs to one operation. */
  route: string;
  caller: string;
  key: string;
}

/**
 * The Redis key (under the app's prefix) for one caller's key on one route. Hashed: bounded length,
 * no delimiter a client-chosen key could forge, and no user id or address in clear.
 */
export function storageKeyFor(scope: IdempotencyScope): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([scope.method, scope.route, scope.caller, scope.key]))
    .digest('base64url');
  return `idempotency:${digest}`;
}
