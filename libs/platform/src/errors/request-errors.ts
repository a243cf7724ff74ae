import { DomainError, type FieldProblem } from '../kernel/domain-error.js';

export class RequestValidationError extends DomainError {
  readonly code = 'REQUEST.VALIDATION_FAILED';
  readonly kind = 'invalid';

  constructor(fieldProblems: readonly FieldProblem[]) {
    super(
      fieldProblems.length === 1
        ? `${fieldProblems[0].field}: ${fieldProblems[0].message}`
        : `${fieldProblems.length} fields are invalid`,
      fieldProblems,
    );
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly code = 'SERVICE.UNAVAILABLE';
  readonly kind = 'unavailable';
}
