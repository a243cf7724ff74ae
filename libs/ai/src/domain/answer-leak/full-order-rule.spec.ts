import { describe, expect, it } from '@jest/globals';
import { findAnswerLeak, redactAnswer } from '../answer-leak-guard.js';
import { steps } from '../example-exercises.fixtures.js';
import type { HintExercise } from '../hint-context.js';

const leakOf = (exercise: HintExercise) => (hint: string) => findAnswerLeak(hint, exercise);

describe('findAnswerLeak: ordering', () => {
  it.each([
    'First Request, then Process, then Respond.',
    'request → process → respond',
    'Request. Process. Request again. Respond.',
  ])('flags the full order: %j', (hint) => expect(leakOf(steps)(hint)).toBe('gives the full order'));

  it.each([
    'Start with Request.',
    'Request comes before Process.',
    'Respond, Request and Process are the steps.',
    'Process happens after Request and before Respond? Think.',
    'Requests, processes and responses.',
  ])('passes partial or unordered mentions: %j', (hint) => expect(leakOf(steps)(hint)).toBeNull());
});

describe('findAnswerLeak: ordering items that are sentences', () => {
  const pageLoad: HintExercise = {
    ...steps,
    prompt: 'Put the steps of loading a secure web page in the correct order.',
    items: [],
    correct: [
      'DNS lookup finds the IP address',
      'The browser connects to the server',
      'Browser and server set up encryption with TLS',
      'The browser sends an HTTP request',
      'The server responds and the browser renders the page',
    ],
  };

  it('reads a paraphrase through the words only one item has', () => {
    const explanation =
      "The browser needs the server's address (DNS) before it can connect, must secure the connection (TLS) " +
      'before sending the request, and can only display the page once the server has responded.';
    expect(leakOf(pageLoad)(explanation)).toBe('gives the full order');
    expect(findAnswerLeak(redactAnswer(explanation, pageLoad), pageLoad)).toBeNull();
  });

  it('passes a paraphrase of some steps, or of all in another order', () => {
    expect(leakOf(pageLoad)('It starts with a DNS lookup, then the browser connects.')).toBeNull();
    expect(leakOf(pageLoad)('Rendering, TLS, DNS, connecting and sending all take part.')).toBeNull();
  });

  it('does not count words of the prompt ("page") as pointing at an item', () => {
    expect(leakOf(pageLoad)('DNS, connect, TLS, send, and there is the page.')).toBeNull();
    expect(leakOf(pageLoad)('DNS, connect, TLS, send, and the page renders.')).toBe('gives the full order');
  });
});
