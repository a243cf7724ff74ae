import { describe, expect, it } from '@jest/globals';
import { findAnswerLeak } from '../answer-leak-guard.js';
import { methods, waiter } from '../example-exercises.fixtures.js';
import type { HintExercise } from '../hint-context.js';

const firstIsRight: HintExercise = { ...waiter, correct: ['The kitchen'] };

const leakOf = (exercise: HintExercise) => (hint: string) => findAnswerLeak(hint, exercise);

describe('findAnswerLeak: choice exercises', () => {
  it.each(['Think about the waiter.', 'Ｔｈｅ Waiter!!', 'It is the WAITER, obviously', 'the\u00a0waiter'])(
    'flags the correct option text: %j',
    (hint) => {
      expect(leakOf(waiter)(hint)).toBe('names the correct option');
    },
  );

  it.each([
    'Think about who carries your order.',
    'A waiters union is not the point.',
    'Not the kitchen: that is where the work happens.',
  ])('passes a hint without it: %j', (hint) => {
    expect(leakOf(waiter)(hint)).toBeNull();
  });

  it.each([
    'The answer is B.',
    'Option B is worth a look',
    'It is option b',
    'choice B',
    'letter B',
    'Go with (b) here.',
    'B) is where to look',
    'Pick B.',
    "It's B!",
    'B is correct.',
    'Answer: B',
    'options A and B',
  ])('flags the correct letter: %j', (hint) => {
    expect(leakOf(waiter)(hint)).toBe('names the correct option by its letter');
  });

  it.each(['Option C is tempting.', 'Plan B is not needed.', 'Vitamin B helps.', 'b-trees are fast'])(
    'passes other letters and a B that is not an option: %j',
    (hint) => expect(leakOf(waiter)(hint)).toBeNull(),
  );

  it.each(['The answer is A.', 'Option A is right', 'The answer is A because it cooks.', '(a)', 'a) is where to look'])(
    'flags the letter A only where it cannot be the article: %j',
    (hint) => expect(leakOf(firstIsRight)(hint)).toBe('names the correct option by its letter'),
  );

  it.each([
    'The answer is a place where food is made.',
    'An option a chef would like.',
    'Answer: A good place to start is the menu.',
    'A waiter brings dishes.',
    'Choose a moment to reread.',
  ])('passes the article a: %j', (hint) => expect(leakOf(firstIsRight)(hint)).toBeNull());

  it.each(['the second option', 'Option 2', 'option #2', 'choice two', 'the 2nd choice', 'The second one is right'])(
    'flags the correct position: %j',
    (hint) => expect(leakOf(waiter)(hint)).toBe('names the correct option by its position'),
  );

  it.each([
    'The second step is to read the menu.',
    'Option 3 is tempting.',
    'two options are wrong',
    'the answer is one of them',
  ])('passes positions that are not the answer: %j', (hint) => expect(leakOf(waiter)(hint)).toBeNull());

  it('reads "last option" as the position of the last option', () => {
    expect(leakOf({ ...waiter, correct: ['The dish'] })('Look at the last option.')).toBe(
      'names the correct option by its position',
    );
    expect(leakOf(waiter)('Look at the last option.')).toBeNull();
  });

  it('checks every correct option of a multiple choice, whole words only', () => {
    expect(leakOf(methods)('POST sends data.')).toBe('names the correct option');
    expect(leakOf(methods)('One reads with get, right?')).toBe('names the correct option');
    expect(leakOf(methods)('Options B and D.')).toBe('names the correct option by its letter');
    expect(leakOf(methods)('HTTPS encrypts; SEND is not a method. Posting and getting differ.')).toBeNull();
  });

  it('does not flag a correct option inside a wrong option that contains it', () => {
    const keys: HintExercise = {
      ...waiter,
      options: ['Composite primary key', 'Primary key'],
      correct: ['Primary key'],
    };
    expect(leakOf(keys)('Rule out "Composite primary key".')).toBeNull();
    expect(leakOf(keys)('A composite primary key is not a primary key.')).toBe('names the correct option');
  });

  it('does not flag a correct option quoted with the prompt around it, but does anywhere else', () => {
    const protocols: HintExercise = {
      ...waiter,
      prompt: 'Which is faster for video calls, TCP or UDP?',
      options: ['TCP', 'UDP'],
      correct: ['UDP'],
    };
    expect(leakOf(protocols)('Faster for video calls: TCP or UDP? Think about waiting for lost packets.')).toBeNull();
    expect(leakOf(protocols)('TCP or UDP? It is UDP.')).toBe('names the correct option');
    expect(leakOf(protocols)('Consider UDP.')).toBe('names the correct option');
  });
});
