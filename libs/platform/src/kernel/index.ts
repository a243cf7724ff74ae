export { DomainError, type DomainErrorKind, type FieldProblem } from './domain-error.js';
export { Clock, FixedClock, SystemClock } from './clock.js';
export { decodeKeyCursor, encodeKeyCursor, keysetPage } from './key-cursor.js';
