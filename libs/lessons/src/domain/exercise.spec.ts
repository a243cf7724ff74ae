import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { validateExercise } from './exercise.js';

const PATH = 'lessons[0].exercises[1]';

const VALID = {
  single_choice: {
    id: 'apis-1-1',
    kind: 'single_choice',
    prompt: 'What does API stand for?',
    options: ['Application Programming Interface', 'Automated Program Index'],
    correct: ['Application Programming Interface'],
    explanation: 'An API is a contract between programs.',
  },
  multiple_choice: {
    id: 'apis-1-2',
    kind: 'multiple_choice',
    prompt: 'Which are HTTP methods?',
    options: ['GET', 'POST', 'SEND'],
    correct: ['GET', 'POST'],
    explanation: 'SEND is not an HTTP method.',
  },
  true_false: {
    id: 'apis-1-3',
    kind: 'true_false',
    prompt: 'An API always returns HTML.',
    correct: [false],
    explanation: 'Most APIs return JSON.',
  },
  ordering: {
    id: 'apis-1-4',
    kind: 'ordering',
    prompt: 'Put the request steps in order.',
    items: ['Send request', 'Server processes', 'Receive response'],
    correct: ['Send request', 'Server processes', 'Receive response'],
    explanation: 'A request comes before its response.',
  },
  fill_blank: {
    id: 'apis-1-5',
    kind: 'fill_blank',
    prompt: 'A ___ is a URL an API answers on.',
    correct: ['endpoint', 'end point'],
    explanation: 'Endpoints are the addresses of an API.',
  },
} as const;

type Kind = keyof typeof VALID;

/** A valid exercise of `kind` with some fields replaced (a field set to undefined is removed). */
function exercise(kind: Kind, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const result: Record<string, unknown> = { ...VALID[kind], ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete result[key];
  return result;
}

const fieldsOf = (candidate: unknown): string[] => validateExercise(candidate, PATH).map((problem) => problem.field);

describe('validateExercise', () => {
  it.each(Object.keys(VALID) as Kind[])('accepts a valid %s exercise', (kind) => {
    expect(validateExercise(VALID[kind], PATH)).toEqual([]);
  });

  describe('single_choice', () => {
    it('rejects two correct options', () => {
      const problems = validateExercise(
        exercise('single_choice', { correct: ['Application Programming Interface', 'Automated Program Index'] }),
        PATH,
      );

      expect(problems).toEqual([{ field: `${PATH}.correct`, message: 'must name exactly one option' }]);
    });

    it('rejects a correct answer that is not among the options', () => {
      expect(validateExercise(exercise('single_choice', { correct: ['Apple Pie Index'] }), PATH)).toEqual([
        { field: `${PATH}.correct`, message: 'must only name listed options' },
      ]);
    });

    it('rejects repeated options', () => {
      expect(fieldsOf(exercise('single_choice', { options: ['GET', 'GET', 'PUT'], correct: ['GET'] }))).toEqual([
        `${PATH}.options`,
      ]);
    });

    it.each([[['only one']], [[]], [undefined], [['a', ' ']]])('rejects options %j', (options) => {
      expect(fieldsOf(exercise('single_choice', { options, correct: ['only one'] }))).toEqual([`${PATH}.options`]);
    });

    it('rejects items, which only ordering exercises use', () => {
      expect(fieldsOf(exercise('single_choice', { items: ['a', 'b'] }))).toEqual([`${PATH}.items`]);
    });
  });

  describe('multiple_choice', () => {
    it('rejects an empty list of correct options', () => {
      expect(fieldsOf(exercise('multiple_choice', { correct: [] }))).toEqual([`${PATH}.correct`]);
    });

    it('rejects the same correct option twice', () => {
      expect(fieldsOf(exercise('multiple_choice', { correct: ['GET', 'GET'] }))).toEqual([`${PATH}.correct`]);
    });

    it('accepts a single correct option', () => {
      expect(fieldsOf(exercise('multiple_choice', { correct: ['GET'] }))).toEqual([]);
    });
  });

  describe('true_false', () => {
    it.each([[['true']], ['true'], [[true, false]], [[]], [undefined]])('rejects correct %j', (correct) => {
      expect(validateExercise(exercise('true_false', { correct }), PATH)).toEqual([
        { field: `${PATH}.correct`, message: 'must be [true] or [false]' },
      ]);
    });

    it('accepts [true]', () => {
      expect(fieldsOf(exercise('true_false', { correct: [true] }))).toEqual([]);
    });

    it('rejects options, which it does not use', () => {
      expect(validateExercise(exercise('true_false', { options: ['True', 'False'] }), PATH)).toEqual([
        { field: `${PATH}.options`, message: 'is not used by true_false exercises' },
      ]);
    });

    it('rejects properties no exercise has, so nothing unvalidated is stored', () => {
      expect(validateExercise(exercise('true_false', { correct: [true], hint: 'Yes' }), PATH)).toEqual([
        { field: `${PATH}.hint`, message: 'is not a property of an exercise' },
      ]);
    });
  });

  describe('ordering', () => {
    const items = ['Send request', 'Server processes', 'Receive response'];

    it('accepts the items in a different order', () => {
      expect(fieldsOf(exercise('ordering', { correct: [items[2], items[0], items[1]] }))).toEqual([]);
    });

    it.each([
      ['an item missing', [items[0], items[1]]],
      ['an extra item', [...items, 'Retry']],
      ['an item repeated in place of another', [items[0], items[0], items[2]]],
      ['an item swapped for an unknown one', [items[0], items[1], 'Something else']],
    ])('rejects correct with %s', (_label, correct) => {
      expect(fieldsOf(exercise('ordering', { correct }))).toEqual([`${PATH}.correct`]);
    });

    it('compares whole items, not their text joined together', () => {
      const joined = exercise('ordering', { items: ['a\nb', 'c'], correct: ['a', 'b\nc'] });
      expect(fieldsOf(joined)).toEqual([`${PATH}.correct`]);
    });

    it('rejects repeated items', () => {
      expect(fieldsOf(exercise('ordering', { items: ['a', 'a', 'b'], correct: ['a', 'a', 'b'] }))).toEqual([
        `${PATH}.items`,
      ]);
    });

    it('rejects fewer than 2 items', () => {
      expect(fieldsOf(exercise('ordering', { items: ['a'], correct: ['a'] }))).toEqual([`${PATH}.items`]);
    });

    it('rejects options, which it does not use', () => {
      expect(fieldsOf(exercise('ordering', { options: ['a', 'b'] }))).toEqual([`${PATH}.options`]);
    });
  });

  describe('fill_blank', () => {
    it.each([[[]], [['']], [[true]], [undefined]])('rejects accepted answers %j', (correct) => {
      expect(validateExercise(exercise('fill_blank', { correct }), PATH)).toEqual([
        { field: `${PATH}.correct`, message: 'must list at least one accepted answer' },
      ]);
    });
  });

  describe('shared rules', () => {
    it('rejects an unknown kind and stops there', () => {
      expect(validateExercise(exercise('single_choice', { kind: 'essay', correct: 'anything' }), PATH)).toEqual([
        { field: `${PATH}.kind`, message: expect.stringContaining('single_choice, multiple_choice') },
      ]);
    });

    it.each(['Apis-1-1', 'apis 1 1', 'apis--1', '-apis', 'apis-', '', 42, undefined])('rejects the id %j', (id) => {
      expect(fieldsOf(exercise('single_choice', { id }))).toEqual([`${PATH}.id`]);
    });

    it.each(['prompt', 'explanation'])('rejects an empty or blank %s', (field) => {
      expect(fieldsOf(exercise('fill_blank', { [field]: '   ' }))).toEqual([`${PATH}.${field}`]);
    });

    it('rejects a prompt longer than 2000 characters', () => {
      expect(fieldsOf(exercise('fill_blank', { prompt: 'x'.repeat(2_001) }))).toEqual([`${PATH}.prompt`]);
      expect(fieldsOf(exercise('fill_blank', { prompt: 'x'.repeat(2_000) }))).toEqual([]);
    });

    it('reports several problems at once', () => {
      expect(fieldsOf(exercise('multiple_choice', { id: 'Bad Id', prompt: '', correct: [] }))).toEqual([
        `${PATH}.id`,
        `${PATH}.prompt`,
        `${PATH}.correct`,
      ]);
    });

    it.each([
      ['null', null],
      ['a string', 'a string'],
      ['a number', 42],
      ['an array', [VALID.fill_blank]],
    ])('rejects %s as not an object, at the exercise path', (_label, candidate) => {
      expect(validateExercise(candidate, PATH)).toEqual([{ field: PATH, message: 'must be an object' }]);
    });
  });
});

describe('exercise rules hold for any content (property-based)', () => {
  const text = fc.string({ minLength: 1, maxLength: 30 }).filter((value) => value.trim().length > 0);
  const uniqueTexts = (minLength: number) => fc.uniqueArray(text, { minLength, maxLength: 8 });

  it('accepts any single-choice exercise whose one correct answer is one of its unique options', () => {
    fc.assert(
      fc.property(uniqueTexts(2), fc.nat(), (options, pick) => {
        const candidate = exercise('single_choice', { options, correct: [options[pick % options.length]] });
        expect(validateExercise(candidate, PATH)).toEqual([]);
      }),
    );
  });

  it('accepts any ordering exercise whose answer is a shuffle of its items', () => {
    fc.assert(
      fc.property(
        uniqueTexts(2).chain((items) =>
          fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length })),
        ),
        ([items, correct]) => {
          expect(validateExercise(exercise('ordering', { items, correct }), PATH)).toEqual([]);
        },
      ),
    );
  });

  it('always rejects an ordering answer with an item left out', () => {
    fc.assert(
      fc.property(uniqueTexts(2), fc.nat(), (items, drop) => {
        const correct = items.filter((_, index) => index !== drop % items.length);
        expect(fieldsOf(exercise('ordering', { items, correct }))).toEqual([`${PATH}.correct`]);
      }),
    );
  });

  it('always rejects a single-choice answer that is not among the options', () => {
    fc.assert(
      fc.property(uniqueTexts(2), text, (options, answer) => {
        fc.pre(!options.includes(answer));
        expect(fieldsOf(exercise('single_choice', { options, correct: [answer] }))).toEqual([`${PATH}.correct`]);
      }),
    );
  });
});
