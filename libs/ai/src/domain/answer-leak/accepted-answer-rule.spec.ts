import { describe, expect, it } from '@jest/globals';
import { findAnswerLeak } from '../answer-leak-guard.js';
import { acronym } from '../example-exercises.fixtures.js';
import type { HintExercise } from '../hint-context.js';

const leakOf = (exercise: HintExercise) => (hint: string) => findAnswerLeak(hint, exercise);

describe('findAnswerLeak: fill in the blank', () => {
  it.each([
    'It is the interface.',
    'ＩＮＴＥＲＦＡＣＥ!',
    'Your e-mail address.',
    'Your email address',
    'HTTP/HTTPS',
    'Use http.',
  ])('flags an accepted answer as a whole word, in any spelling: %j', (hint) => {
    expect(leakOf(acronym)(hint)).toBe('names an accepted answer');
  });

  it.each([
    'Interfaces are everywhere.',
    'HTTPS is secure.',
    'Your e-mail is private.',
    'API stands for Application Programming ___.',
  ])('passes a different word: %j', (hint) => expect(leakOf(acronym)(hint)).toBeNull());
});
