import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findAnswerLeak, redactAnswer } from './answer-leak-guard.js';
import { acronym, methods, password, steps, waiter } from './example-exercises.fixtures.js';
import type { HintExercise } from './hint-context.js';

describe('redactAnswer', () => {
  it('blanks the answer in a lesson passage and leaves the rest readable', () => {
    expect(redactAnswer('API stands for Application Programming Interface: a defined way.', acronym)).toBe(
      'API stands for Application Programming ____: a defined way.',
    );
    expect(redactAnswer('The waiter (the API) brings the dish.', waiter)).toBe('____ (the API) brings the dish.');
    expect(redactAnswer('The statement is false because Google keeps it.', password)).toBe(
      'The statement ____ because Google keeps it.',
    );
    expect(redactAnswer('First Request, then Process, then Respond.', steps)).toBe('First ____, then ____, then ____.');
    expect(redactAnswer('Option B, the waiter.', waiter)).toBe('Option ____, ____.');
  });

  it('repeats when blanking joins words into a new leak', () => {
    const colours: HintExercise = { ...acronym, correct: ['green', 'red blue'] };
    expect(redactAnswer('red green blue', colours)).toBe('____');
  });

  it('leaves text that gives nothing away unchanged', () => {
    const text = 'Think about who carries your order to the kitchen.';
    expect(redactAnswer(text, waiter)).toBe(text);
  });
});

const word = fc.stringMatching(/^[A-Za-z][a-z]{0,7}$/);
const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
const leakyBits = fc.constantFrom(
  'option B',
  '(a)',
  'the answer is A.',
  'is true.',
  'False:',
  'No.',
  'second option',
  '____',
);

function exerciseArbitrary(): fc.Arbitrary<HintExercise> {
  const choices = fc.uniqueArray(phrase, { minLength: 2, maxLength: 5, selector: (text) => text.toLowerCase() });
  return fc.oneof(
    choices.chain((options) =>
      fc.constantFrom(...options).map((right): HintExercise => ({ ...waiter, options, correct: [right] })),
    ),
    choices.chain((options) =>
      fc.subarray(options, { minLength: 1 }).map((correct): HintExercise => ({ ...methods, options, correct })),
    ),
    fc.boolean().map((value): HintExercise => ({ ...password, correct: [value] })),
    choices.map((items): HintExercise => ({ ...steps, items: [...items].reverse(), correct: items })),
    fc.array(phrase, { minLength: 1, maxLength: 3 }).map((correct): HintExercise => ({ ...acronym, correct })),
  );
}

describe('redactAnswer: property', () => {
  it('leaves nothing findAnswerLeak flags, for any exercise and any text made from its own words', () => {
    fc.assert(
      fc.property(
        exerciseArbitrary().chain((exercise) => {
          const own = [...(exercise.options ?? []), ...exercise.correct.map(String), exercise.prompt];
          const piece = fc.oneof(fc.constantFrom(...own), leakyBits, word, fc.string({ maxLength: 6, unit: 'binary' }));
          const separator = fc.constantFrom(' ', ', ', '. ', '\n', ' (', ') ', '-', '/');
          const text = fc.array(fc.tuple(piece, separator), { maxLength: 12 }).map((parts) => parts.flat().join(''));
          return fc.tuple(fc.constant(exercise), text);
        }),
        ([exercise, text]) => {
          expect(findAnswerLeak(redactAnswer(text, exercise), exercise)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });
});
