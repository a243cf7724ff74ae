/** One unit of a learner's daily quota, held from before the work until it is settled. */
export interface QuotaReservation {
  userId: number;
  /** The UTC day (YYYY-MM-DD) the unit was taken from: a refund goes back to that day. */
  day: string;
  /** Units left that day after this one. */
  remaining: number;
}

export type QuotaDecision =
  { granted: true; reservation: QuotaReservation } | { granted: false; retryAfterSeconds: number };

/**
 * Per-learner daily hint quota. `reserve` is atomic: concurrent requests cannot take more than the
 * limit between them. A reservation is kept when a hint is shown, refunded when none could be.
 */
export abstract class HintQuota {
  abstract readonly dailyLimit: number;
  abstract reserve(userId: number, now: Date): Promise<QuotaDecision>;
  abstract refund(reservation: Pick<QuotaReservation, 'userId' | 'day'>): Promise<void>;
  abstract remaining(userId: number, now: Date): Promise<number>;
}
