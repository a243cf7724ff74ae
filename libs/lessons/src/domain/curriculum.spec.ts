import { describe, expect, it } from '@jest/globals';
import { InvalidCurriculumError, validateCurriculum, type Curriculum, type CurriculumTopic } from './curriculum.js';
import type { LessonDraft } from './lesson-draft.js';

const lesson = (...exerciseIds: string[]): LessonDraft => ({
  title: 'A lesson',
  summary: 'A summary',
  difficulty: 'beginner',
  estimatedMinutes: 4,
  content: 'Some content.',
  exercises: exerciseIds.map((id) => ({
    id,
    kind: 'true_false',
    prompt: 'Is this true?',
    correct: [true],
    explanation: 'It is.',
  })),
});

const topic = (slug: string, lessons: LessonDraft[], changes: Partial<CurriculumTopic> = {}): CurriculumTopic => ({
  topic: slug,
  title: `About ${slug}`,
  description: 'A topic.',
  lessons,
  ...changes,
});

describe('validateCurriculum', () => {
  it('accepts topics with unique slugs and unique exercise ids', () => {
    const curriculum: Curriculum = {
      topics: [
        topic('apis', [lesson('apis-1-1', 'apis-1-2'), lesson('apis-2-1')]),
        topic('cloud', [lesson('cloud-1-1')]),
      ],
    };

    expect(validateCurriculum(curriculum)).toEqual([]);
  });

  it('reports a topic slug that appears twice', () => {
    const curriculum: Curriculum = { topics: [topic('apis', [lesson('a-1')]), topic('apis', [lesson('a-2')])] };

    expect(validateCurriculum(curriculum)).toEqual([
      { field: 'topics', message: 'topic "apis" appears more than once' },
    ]);
  });

  it('reports an exercise id used in two different topics', () => {
    const curriculum: Curriculum = {
      topics: [topic('apis', [lesson('shared-1')]), topic('cloud', [lesson('cloud-1'), lesson('shared-1')])],
    };

    expect(validateCurriculum(curriculum)).toEqual([
      { field: 'exercises', message: 'exercise id "shared-1" is used more than once' },
    ]);
  });

  it('reports an exercise id used twice within one lesson', () => {
    expect(validateCurriculum({ topics: [topic('apis', [lesson('apis-1', 'apis-1')])] })).toEqual([
      { field: 'exercises', message: 'exercise id "apis-1" is used more than once' },
    ]);
  });

  it.each([
    ['a slug that is not lowercase', topic('APIs', [lesson('a-1')]), 'topics[0].topic'],
    ['an empty title', topic('apis', [lesson('a-1')], { title: ' ' }), 'topics[0].title'],
    ['no lessons', topic('apis', []), 'topics[0].lessons'],
  ])('reports a topic with %s', (_label, badTopic, field) => {
    expect(validateCurriculum({ topics: [badTopic] }).map((problem) => problem.field)).toEqual([field]);
  });

  it('reports lesson problems with the topic and lesson in the path', () => {
    const bad = { ...lesson('cloud-2-1'), estimatedMinutes: 0 };
    const curriculum: Curriculum = { topics: [topic('apis', [lesson('a-1')]), topic('cloud', [lesson('c-1'), bad])] };

    expect(validateCurriculum(curriculum).map((problem) => problem.field)).toEqual([
      'topics[1].lessons[1].estimatedMinutes',
    ]);
  });
});

describe('malformed curriculum input', () => {
  it.each([
    ['a null topic', [null]],
    ['a topic title that is not text', [{ topic: 'apis', title: 5, lessons: [] }]],
    ['lessons that are not a list', [{ topic: 'apis', title: 'APIs', lessons: 'abc' }]],
    ['a null lesson', [{ topic: 'apis', title: 'APIs', lessons: [null] }]],
    ['exercises that are not a list', [{ topic: 'apis', title: 'APIs', lessons: [{ exercises: {} }] }]],
    ['a null exercise', [{ topic: 'apis', title: 'APIs', lessons: [{ exercises: [null] }] }]],
  ])('reports problems for %s instead of throwing', (_label, topics) => {
    const problems = validateCurriculum({ topics } as unknown as Curriculum);
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe('InvalidCurriculumError', () => {
  it('counts the problems, quotes the first and carries them all', () => {
    const problems = [
      { field: 'topics[0].title', message: 'must not be empty' },
      { field: 'topics', message: 'topic "apis" appears more than once' },
    ];

    const error = new InvalidCurriculumError(problems);

    expect(error.message).toBe('The curriculum has 2 problem(s); the first: topics[0].title must not be empty');
    expect(error.fieldProblems).toEqual(problems);
    expect(error.code).toBe('LESSONS.INVALID_CURRICULUM');
    expect(error.kind).toBe('invalid');
  });
});
