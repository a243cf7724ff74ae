import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ExerciseDefinition, ExerciseKind } from './exercise.js';
import { validateExercise } from './exercise.js';
import { correctAnswerOf, gradeAnswer, learnerView } from './exercise-grader.js';

const base = { id: 'apis-1-1', prompt: 'A question?', explanation: 'Because.' };

const EXERCISES: Record<ExerciseKind, ExerciseDefinition> = {
  single_choice: { ...base, kind: 'single_choice', options: ['The waiter', 'The kitchen'], correct: ['The waiter'] },
  multiple_choice: { ...base, kind: 'multiple_choice', options: ['GET', 'POST', 'SEND'], correct: ['GET', 'POST'] },
  true_false: { ...base, kind: 'true_false', correct: [false] },
  ordering: {
    ...base,
    kind: 'ordering',
    items: ['Respond', 'Request', 'Process'],
    correct: ['Request', 'Process', 'Respond'],
  },
  fill_blank: { ...base, kind: 'fill_blank', correct: ['Interface', 'end point'] },
};

describe('gradeAnswer', () => {
  it.each<[ExerciseKind, unknown, boolean]>([
    ['single_choice', 'The waiter', true],
    ['single_choice', 'The kitchen', false],
    ['single_choice', 'the waiter', false],
    ['single_choice', 'An option that is not listed', false],
    ['multiple_choice', ['GET', 'POST'], true],
    ['multiple_choice', ['POST', 'GET'], true],
    ['multiple_choice', ['GET'], false],
    ['multiple_choice', ['GET', 'POST', 'SEND'], false],
    ['multiple_choice', [], false],
    ['true_false', false, true],
    ['true_false', true, false],
    ['ordering', ['Request', 'Process', 'Respond'], true],
    ['ordering', ['Respond', 'Request', 'Process'], false],
    ['ordering', ['Request', 'Process'], false],
    ['fill_blank', 'Interface', true],
    ['fill_blank', '  INTERFACE!  ', true],
    ['fill_blank', 'interface.', true],
    ['fill_blank', 'End-point', false],
    ['fill_blank', 'end   point', true],
    ['fill_blank', 'End, point', true],
    ['fill_blank', 'ＩＮＴＥＲＦＡＣＥ', true],
    ['fill_blank', 'interfaces', false],
    ['fill_blank', '', false],
  ])('%s: %j is correct=%s', (kind, answer, correct) => {
    expect(gradeAnswer(EXERCISES[kind], answer)).toEqual({ correct });
  });

  it.each<[ExerciseKind, unknown, string]>([
    ['single_choice', ['The waiter'], 'must be an option (a string)'],
    ['single_choice', 1, 'must be an option (a string)'],
    ['multiple_choice', 'GET', 'must be an array of options (strings)'],
    ['multiple_choice', ['GET', 2], 'must be an array of options (strings)'],
    ['multiple_choice', ['GET', 'GET'], 'must not name an option twice'],
    ['true_false', 'false', 'must be true or false'],
    ['true_false', [false], 'must be true or false'],
    ['ordering', 'Request', 'must be an array of items (strings), in order'],
    ['ordering', [null], 'must be an array of items (strings), in order'],
    ['fill_blank', ['Interface'], 'must be text (a string)'],
    ['fill_blank', null, 'must be text (a string)'],
    ['fill_blank', undefined, 'must be text (a string)'],
  ])('%s: %j has an invalid shape', (kind, answer, reason) => {
    expect(gradeAnswer(EXERCISES[kind], answer)).toEqual({ invalidShape: reason });
  });
});

describe('correctAnswerOf', () => {
  it.each<[ExerciseKind, unknown]>([
    ['single_choice', 'The waiter'],
    ['multiple_choice', ['GET', 'POST']],
    ['true_false', false],
    ['ordering', ['Request', 'Process', 'Respond']],
    ['fill_blank', 'Interface'],
  ])('%s reveals %j, in the shape a learner answers in', (kind, answer) => {
    expect(correctAnswerOf(EXERCISES[kind])).toEqual(answer);
  });
});

describe('learnerView', () => {
  it('keeps id, kind, prompt and options or items, and drops the answer key and explanation', () => {
    expect(learnerView(EXERCISES.single_choice)).toEqual({
      id: 'apis-1-1',
      kind: 'single_choice',
      prompt: 'A question?',
      options: ['The waiter', 'The kitchen'],
    });
    expect(learnerView(EXERCISES.ordering)).toEqual({
      id: 'apis-1-1',
      kind: 'ordering',
      prompt: 'A question?',
      items: ['Respond', 'Request', 'Process'],
    });
    expect(learnerView(EXERCISES.true_false)).toEqual({ id: 'apis-1-1', kind: 'true_false', prompt: 'A question?' });
  });

  it('never passes on fields it does not know', () => {
    const withExtra = { ...EXERCISES.fill_blank, hint: 'secret', acceptedAnswers: ['x'] } as ExerciseDefinition;
    expect(Object.keys(learnerView(withExtra)).sort()).toEqual(['id', 'kind', 'prompt']);
  });
});

describe('grading holds for any exercise (property-based)', () => {
  const text = fc
    .oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }))
    .filter((value) => value.trim().length > 0);
  const uniqueTexts = fc.uniqueArray(text, { minLength: 2, maxLength: 6 });
  const make = (kind: ExerciseKind, fields: Partial<ExerciseDefinition>): ExerciseDefinition =>
    ({ ...base, kind, ...fields }) as ExerciseDefinition;

  const exercises: Record<ExerciseKind, fc.Arbitrary<ExerciseDefinition>> = {
    single_choice: uniqueTexts.chain((options) =>
      fc.constantFrom(...options).map((pick) => make('single_choice', { options, correct: [pick] })),
    ),
    multiple_choice: uniqueTexts.chain((options) =>
      fc.subarray(options, { minLength: 1 }).map((correct) => make('multiple_choice', { options, correct })),
    ),
    true_false: fc.boolean().map((answer) => make('true_false', { correct: [answer] })),
    ordering: uniqueTexts.chain((items) =>
      fc.shuffledSubarray(items, { minLength: items.length }).map((correct) => make('ordering', { items, correct })),
    ),
    fill_blank: fc.array(text, { minLength: 1, maxLength: 4 }).map((correct) => make('fill_blank', { correct })),
  };
  const anyExercise = fc.oneof(...Object.values(exercises));

  /** The JSON type a learner's answer must have, per kind. */
  const RIGHT_TYPE: Record<ExerciseKind, (answer: unknown) => boolean> = {
    single_choice: (answer) => typeof answer === 'string',
    fill_blank: (answer) => typeof answer === 'string',
    true_false: (answer) => typeof answer === 'boolean',
    multiple_choice: (answer) => Array.isArray(answer) && answer.every((entry) => typeof entry === 'string'),
    ordering: (answer) => Array.isArray(answer) && answer.every((entry) => typeof entry === 'string'),
  };

  it('generates only valid exercises', () => {
    fc.assert(fc.property(anyExercise, (exercise) => expect(validateExercise(exercise, 'e')).toEqual([])));
  });

  it('grades the stored correct answer as correct', () => {
    fc.assert(
      fc.property(anyExercise, (exercise) => {
        expect(gradeAnswer(exercise, correctAnswerOf(exercise))).toEqual({ correct: true });
      }),
    );
  });

  it('grades every accepted fill-in answer and every order of the right options as correct', () => {
    fc.assert(
      fc.property(exercises.fill_blank, fc.nat(), (exercise, pick) => {
        const accepted = exercise.correct[pick % exercise.correct.length];
        expect(gradeAnswer(exercise, ` ${String(accepted)}. `)).toEqual({ correct: true });
      }),
    );
    fc.assert(
      fc.property(
        exercises.multiple_choice.chain((exercise) =>
          fc.tuple(
            fc.constant(exercise),
            fc.shuffledSubarray(exercise.correct, { minLength: exercise.correct.length }),
          ),
        ),
        ([exercise, shuffled]) => expect(gradeAnswer(exercise, shuffled)).toEqual({ correct: true }),
      ),
    );
  });

  it('calls an answer of the wrong JSON type an invalid shape, and never throws on any answer', () => {
    fc.assert(
      fc.property(
        anyExercise,
        fc.anything({ withNullPrototype: true, withMap: true, withSet: true }),
        (exercise, answer) => {
          const outcome = gradeAnswer(exercise, answer);
          if (!RIGHT_TYPE[exercise.kind](answer)) expect(outcome).toEqual({ invalidShape: expect.any(String) });
        },
      ),
    );
  });

  it('shows learners no answer key and no explanation', () => {
    fc.assert(
      fc.property(anyExercise, (exercise) => {
        const view = learnerView(exercise);
        expect(view).not.toHaveProperty('correct');
        expect(view).not.toHaveProperty('explanation');
        expect(view).toMatchObject({ id: exercise.id, kind: exercise.kind, prompt: exercise.prompt });
      }),
    );
  });
});
