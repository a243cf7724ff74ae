/**
 * What the SDK adapters' specs send: a small lesson context and a prompt (the adapters send the
 * prompt; the context is there because the port carries it). Plain data, so that test support
 * needs nothing from inside libs/ai.
 */
export function dnsHintGeneration(level: 1 | 2 | 3, system = `You give level ${level} hints.`) {
  return {
    context: {
      lesson: {
        id: 7,
        version: 2,
        topic: 'networking',
        title: 'DNS',
        difficulty: 'beginner' as const,
        content: 'DNS maps names.',
      },
      level,
    },
    prompt: { system, user: '<lesson>DNS maps names.</lesson>' },
  };
}

/** The promise's rejection, or 'no failure': for asserting on the error an adapter throws. */
export const failureOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => 'no failure',
    (error: unknown) => error,
  );
