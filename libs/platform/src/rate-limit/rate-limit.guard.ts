import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * The throttler's guard, with the answer our contract promises: a plain `Retry-After` (seconds,
 * at least 1) whichever throttler refused, and a detail naming the wait. The problem+json body
 * and its `REQUEST.RATE_LIMITED` code come from the global problem filter.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    this.setResponseHeader(this.getRequestResponse(context).res, 'Retry-After', retryAfter);
    throw new ThrottlerException(
      `Too many requests; try again in ${retryAfter} ${retryAfter === 1 ? 'second' : 'seconds'}`,
    );
  }
}
