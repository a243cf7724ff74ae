/** The global pace of pushes: every worker takes its messages' tokens here before sending. */
export abstract class SendRateLimiter {
  /** Resolves once `count` messages may go out; waits (never fails) while the rate is spent. */
  abstract acquire(count: number): Promise<void>;
}
