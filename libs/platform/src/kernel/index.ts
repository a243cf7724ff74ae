export { DomainError, type DomainErrorKind, type FieldProblem } from './domain-error.js';
export { Clock, FixedClock, SystemClock } from './clock.js';
export { isStoredId, MAX_STORED_ID } from './stored-id.js';
export { acceptsRevision, StaleRevisionError } from './revision.js';
export { decodeKeyCursor, encodeKeyCursor, keysetPage } from './key-cursor.js';
export { normalizeFreeText } from './free-text.js';
