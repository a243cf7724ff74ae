import { describe, expect, it } from '@jest/globals';
import { findAnswerLeak } from '../answer-leak-guard.js';
import { password } from '../example-exercises.fixtures.js';
import type { HintExercise } from '../hint-context.js';

const leakOf = (exercise: HintExercise) => (hint: string) => findAnswerLeak(hint, exercise);

describe('findAnswerLeak: true/false', () => {
  it.each([
    'The statement is false.',
    'That is not true',
    "That's wrong.",
    "It isn't correct: Google keeps it.",
    'This is definitely incorrect',
    'The claim that the website sees your password is untrue.',
    'False: your password stays with Google.',
    'Correct, because the API hides it.',
    'True.',
    'Definitely false!',
    'No.',
    'Yes, that is right.',
    'The answer is true',
    'Answer: false',
    'It is true that the website never sees it.',
  ])('flags a verdict: %j', (hint) => {
    expect(leakOf(password)(hint)).toBe('gives a verdict on the statement');
  });

  it.each([
    'Check whether the statement is true for every website.',
    'Decide if it is true or false.',
    'Is it true? Ask where the password is typed.',
    'True or false: think about who holds your password.',
    'A true expert would ask who stores the password.',
    'Right after you click, Google asks for your password.',
    'The server is right there in the data centre.',
    'Think about what is correct practice for passwords.',
    'The wrong way would be to share it.',
  ])('passes ordinary prose: %j', (hint) => {
    expect(leakOf(password)(hint)).toBeNull();
  });
});
