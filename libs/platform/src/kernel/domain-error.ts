/**
 * The one error type libs throw for expected failures. The `code` is stable and namespaced
 * (`PROGRESS.LESSON_NOT_FOUND`); the HTTP layer maps its `kind` to a status, so domain code
 * never knows about HTTP.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

export interface FieldProblem {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;

  constructor(
    message: string,
    readonly fieldProblems: readonly FieldProblem[] = [],
    /** Extra, safe-to-show members for the problem document (RFC 9457 extensions). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
