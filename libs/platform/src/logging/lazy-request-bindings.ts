import pino, { type Logger } from 'pino';

const { chindingsSym } = pino.symbols;

/**
 * Makes `logger` (a fresh child with no bindings of its own) carry `bindings` on every line it
 * writes, serialising them only when it first writes one. Serialising a request's bindings (the
 * `req` serializer and the redaction of its paths) cost about 4 µs per request, and most requests
 * write no line of their own at the production level (`warn`): then this costs nothing.
 */
export function bindLazily(logger: Logger, bindings: Record<string, unknown>): void {
  const parent = Object.getPrototypeOf(logger) as Logger & Record<symbol, string>;
  let chindings: string | undefined;
  Object.defineProperty(logger, chindingsSym, {
    configurable: true,
    get: () => (chindings ??= (parent.child(bindings) as unknown as Record<symbol, string>)[chindingsSym]),
    // pino's setBindings() replaces them; its child() only reads them.
    set: (value: string) => {
      chindings = value;
    },
  });
}
