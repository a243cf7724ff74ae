import { DomainError, type FieldProblem } from '@techtrek/platform/kernel';

/** Same error, same body and about the same time for an unknown email and a wrong password. */
export class InvalidCredentialsError extends DomainError {
  readonly code = 'AUTH.INVALID_CREDENTIALS';
  readonly kind = 'unauthenticated';

  constructor() {
    super('The email or password is not correct');
  }
}

export class EmailAlreadyRegisteredError extends DomainError {
  readonly code = 'AUTH.EMAIL_TAKEN';
  readonly kind = 'conflict';

  constructor() {
    super('An account with this email already exists', [{ field: 'email', message: 'is already registered' }]);
  }
}

export class WeakPasswordError extends DomainError {
  readonly code = 'AUTH.WEAK_PASSWORD';
  readonly kind = 'invalid';

  constructor(problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field} ${problem.message}`).join('; '), problems);
  }
}

/** Covers unknown, expired, revoked and reused refresh tokens alike: nothing to learn from the difference. */
export class InvalidRefreshTokenError extends DomainError {
  readonly code = 'AUTH.INVALID_REFRESH_TOKEN';
  readonly kind = 'unauthenticated';

  constructor() {
    super('The refresh token is not valid; sign in again');
  }
}

export class NotAuthenticatedError extends DomainError {
  readonly code = 'AUTH.NOT_AUTHENTICATED';
  readonly kind = 'unauthenticated';

  constructor(reason = 'A valid access token is required') {
    super(reason);
  }
}

export class InsufficientRoleError extends DomainError {
  readonly code = 'AUTH.FORBIDDEN';
  readonly kind = 'forbidden';

  constructor() {
    super('Your account is not allowed to do this');
  }
}

export class AccountNotFoundError extends DomainError {
  readonly code = 'AUTH.ACCOUNT_NOT_FOUND';
  readonly kind = 'not_found';

  constructor() {
    super('The account does not exist');
  }
}

/** A zone the runtime knows but the database does not: local days could not be computed there. */
export class UnsupportedTimeZoneError extends DomainError {
  readonly code = 'AUTH.UNSUPPORTED_TIME_ZONE';
  readonly kind = 'invalid';

  constructor(timeZone: string) {
    const problems = [{ field: 'timezone', message: `"${timeZone}" is not supported here; choose another IANA zone` }];
    super(problems[0]!.message, problems);
  }
}
