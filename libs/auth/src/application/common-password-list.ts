/**
 * Passwords too common to accept (NIST SP 800-63B's "commonly-used" check). The rule lives in the
 * domain's password policy; the list is data shipped with the service, so it sits behind a port.
 */
export abstract class CommonPasswordList {
  /** Case-insensitive, ignoring surrounding whitespace. */
  abstract contains(password: string): boolean;
}
