import { normalizeIp } from '@nestjs/throttler';

/** The parts of a Fastify request the trackers read (guards run before DTO validation). */
export interface TrackedRequest {
  ip?: string;
  user?: unknown;
  body?: unknown;
}

/** The client address (honouring `X-Forwarded-For` only when TRUST_PROXY is on); IPv6 by /64. */
export function ipTracker(request: TrackedRequest): string {
  return `ip:${normalizeIp(request.ip ?? 'unknown')}`;
}

/** The signed-in user when the authentication guard has already set one, else the address. */
export function userOrIpTracker(request: TrackedRequest): string {
  const user = request.user as { userId?: unknown; id?: unknown } | undefined;
  const id = user?.userId ?? user?.id;
  if ((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id !== '')) return `user:${id}`;
  return ipTracker(request);
}

/** The body's `email`, trimmed and lower-cased; undefined when the body has no string email. */
export function emailInBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const email = (body as { email?: unknown }).email;
  if (typeof email !== 'string') return undefined;
  const normalized = email.trim().toLowerCase();
  return normalized === '' ? undefined : normalized;
}

export function emailTracker(request: TrackedRequest): string {
  return `email:${emailInBody(request.body) ?? ''}`;
}
