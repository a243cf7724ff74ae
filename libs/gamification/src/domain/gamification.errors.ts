import { DomainError } from '@techtrek/platform/kernel';

/** A zone the runtime's time-zone database does not know (or an offset, which ignores DST). */
export class UnknownTimeZoneError extends DomainError {
  readonly code = 'GAMIFICATION.UNKNOWN_TIME_ZONE';
  readonly kind = 'invalid';

  constructor(timeZone: string) {
    super(`"${timeZone}" is not an IANA time zone such as "Europe/Berlin"`, [
      { field: 'timeZone', message: 'must be an IANA time zone such as "Europe/Berlin"' },
    ]);
  }
}
