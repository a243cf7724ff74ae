import { describe, expect, it } from '@jest/globals';
import { validateLessonDraft } from './lesson-draft.js';

const PATH = 'topics[0].lessons[3]';

const validDraft = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'What is an API?',
  summary: 'How programs talk to each other.',
  difficulty: 'beginner',
  estimatedMinutes: 5,
  content: 'An API is a menu of requests one program offers another.',
  exercises: [
    {
      id: 'apis-1-1',
      kind: 'true_false',
      prompt: 'An API is a kind of database.',
      correct: [false],
      explanation: 'An API is an interface, not storage.',
    },
  ],
  ...changes,
});

const fieldsOf = (candidate: unknown): string[] => validateLessonDraft(candidate, PATH).map((problem) => problem.field);

describe('validateLessonDraft', () => {
  it('accepts a valid lesson', () => {
    expect(validateLessonDraft(validDraft(), PATH)).toEqual([]);
  });

  it('accepts an empty summary and an empty list of exercises', () => {
    expect(validateLessonDraft(validDraft({ summary: '', exercises: [] }), PATH)).toEqual([]);
  });

  it.each([
    ['a blank title', { title: '   ' }, 'title'],
    ['a missing title', { title: undefined }, 'title'],
    ['a title over 120 characters', { title: 'x'.repeat(121) }, 'title'],
    ['empty content', { content: '' }, 'content'],
    ['a summary over 280 characters', { summary: 'x'.repeat(281) }, 'summary'],
    ['a summary that is not text', { summary: 42 }, 'summary'],
    ['an unknown difficulty', { difficulty: 'expert' }, 'difficulty'],
    ['zero minutes', { estimatedMinutes: 0 }, 'estimatedMinutes'],
    ['more than 120 minutes', { estimatedMinutes: 121 }, 'estimatedMinutes'],
    ['fractional minutes', { estimatedMinutes: 2.5 }, 'estimatedMinutes'],
    ['minutes as a string', { estimatedMinutes: '5' }, 'estimatedMinutes'],
    ['exercises that are not an array', { exercises: {} }, 'exercises'],
  ])('reports %s at its field path', (_label, changes, field) => {
    expect(fieldsOf(validDraft(changes))).toEqual([`${PATH}.${field}`]);
  });

  it('accepts the limits themselves', () => {
    expect(fieldsOf(validDraft({ title: 'x'.repeat(120), summary: 'x'.repeat(280), estimatedMinutes: 120 }))).toEqual(
      [],
    );
    expect(fieldsOf(validDraft({ estimatedMinutes: 1 }))).toEqual([]);
  });

  it('reports an exercise problem under the exercise index', () => {
    const exercises = [
      validDraft().exercises,
      { id: 'apis-1-2', kind: 'single_choice', prompt: 'Pick one', options: ['a'], correct: ['a'], explanation: 'x' },
    ].flat();

    expect(validateLessonDraft(validDraft({ exercises }), PATH)).toEqual([
      { field: `${PATH}.exercises[1].options`, message: 'must list at least 2 non-empty options' },
    ]);
  });

  it('reports every bad field, not only the first', () => {
    expect(fieldsOf(validDraft({ title: '', difficulty: 'easy', estimatedMinutes: -1 }))).toEqual([
      `${PATH}.title`,
      `${PATH}.difficulty`,
      `${PATH}.estimatedMinutes`,
    ]);
  });

  it.each([null, 'a lesson', 7])('rejects %j as not an object', (candidate) => {
    expect(validateLessonDraft(candidate, PATH)).toEqual([{ field: PATH, message: 'must be an object' }]);
  });
});
