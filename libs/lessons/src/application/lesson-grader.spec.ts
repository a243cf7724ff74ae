import { describe, expect, it } from '@jest/globals';
import type { ExerciseDefinition } from '../domain/exercise.js';
import {
  DuplicateAnswerError,
  InvalidAnswerShapeError,
  LessonNotFoundError,
  UnknownExerciseError,
} from '../domain/lesson.errors.js';
import { CatalogueCache } from './catalogue-cache.js';
import { LessonCatalogueReader, type PublishedLesson } from './lesson-catalogue.reader.js';
import { LessonAnswerKeys } from './lesson-answer-keys.js';
import { LessonGrader } from './lesson-grader.js';

const exercises: ExerciseDefinition[] = [
  {
    id: 'apis-1-1',
    kind: 'fill_blank',
    prompt: 'API stands for Application Programming ___.',
    correct: ['Interface'],
    explanation: 'A defined way for programs to talk.',
  },
  {
    id: 'apis-1-2',
    kind: 'single_choice',
    prompt: 'What is the API in the restaurant?',
    options: ['The waiter', 'The kitchen'],
    correct: ['The waiter'],
    explanation: 'The waiter carries requests.',
  },
  {
    id: 'apis-1-3',
    kind: 'true_false',
    prompt: 'Websites see your Google password.',
    correct: [false],
    explanation: 'The password stays with Google.',
  },
];

const LESSON: PublishedLesson = {
  id: 7,
  topic: 'apis',
  title: 'What is an API?',
  summary: '',
  content: '# APIs',
  difficulty: 'beginner',
  sequenceOrder: 1,
  estimatedMinutes: 4,
  version: 3,
  media: [],
  exercises,
};

/** Holds published lessons only, as the real reader sees them. */
class InMemoryLessonCatalogueReader extends LessonCatalogueReader {
  constructor(private readonly lessons: PublishedLesson[]) {
    super();
  }
  listTopics = async () => [];
  listLessons = async () => [];
  listPublishedLessonTopics = async () => [];
  findPublishedLesson = async (id: number) => this.lessons.find((lesson) => lesson.id === id) ?? null;
}

const eightTrueFalse: ExerciseDefinition[] = Array.from({ length: 8 }, (_, index) => ({
  id: `tf-${index + 1}`,
  kind: 'true_false',
  prompt: `Statement ${index + 1}`,
  correct: [true],
  explanation: 'It is true.',
}));

/** Keeps what it loaded, as the real cache does within one catalogue version. */
class MapCatalogueCache extends CatalogueCache {
  readonly entries = new Map<string, string>();
  async get(key: string, load: () => Promise<string>): Promise<string> {
    const cached = this.entries.get(key) ?? (await load());
    this.entries.set(key, cached);
    return cached;
  }
  async invalidateAll(): Promise<void> {
    this.entries.clear();
  }
  adoptVersion(): void {
    this.entries.clear();
  }
}

const cache = new MapCatalogueCache();
const grader = new LessonGrader(
  new LessonAnswerKeys(
    new InMemoryLessonCatalogueReader([
      LESSON,
      { ...LESSON, id: 8, exercises: [] },
      { ...LESSON, id: 9, exercises: eightTrueFalse },
    ]),
    cache,
  ),
);

describe('LessonGrader', () => {
  it('grades every exercise, reveals answers and explanations, and scores the attempt', async () => {
    const attempt = await grader.gradeAttempt(7, [
      { exerciseId: 'apis-1-2', answer: 'The waiter' },
      { exerciseId: 'apis-1-1', answer: ' interface ' },
      { exerciseId: 'apis-1-3', answer: true },
    ]);

    expect(attempt).toEqual({
      lessonId: 7,
      topic: 'apis',
      difficulty: 'beginner',
      version: 3,
      score: 67,
      results: [
        {
          exerciseId: 'apis-1-1',
          answered: true,
          correct: true,
          correctAnswer: 'Interface',
          explanation: 'A defined way for programs to talk.',
        },
        {
          exerciseId: 'apis-1-2',
          answered: true,
          correct: true,
          correctAnswer: 'The waiter',
          explanation: 'The waiter carries requests.',
        },
        {
          exerciseId: 'apis-1-3',
          answered: true,
          correct: false,
          correctAnswer: false,
          explanation: 'The password stays with Google.',
        },
      ],
    });
  });

  it('scores 100 for all correct and counts unanswered exercises as wrong', async () => {
    const all = await grader.gradeAttempt(7, [
      { exerciseId: 'apis-1-1', answer: 'Interface' },
      { exerciseId: 'apis-1-2', answer: 'The waiter' },
      { exerciseId: 'apis-1-3', answer: false },
    ]);
    expect(all.score).toBe(100);

    const partial = await grader.gradeAttempt(7, [{ exerciseId: 'apis-1-3', answer: false }]);
    expect(partial.score).toBe(33);
    expect(partial.results.map((result) => [result.answered, result.correct])).toEqual([
      [false, false],
      [false, false],
      [true, true],
    ]);
  });

  it('scores a lesson without exercises 100', async () => {
    expect(await grader.gradeAttempt(8, [])).toEqual({
      lessonId: 8,
      topic: 'apis',
      difficulty: 'beginner',
      version: 3,
      results: [],
      score: 100,
    });
  });

  it.each([
    [1, 13], // 12.5 rounds up
    [3, 38], // 37.5 rounds up
    [5, 63], // 62.5 rounds up
    [7, 88], // 87.5 rounds up
    [8, 100],
  ])('rounds half up exactly: %i of 8 correct scores %i', async (correctCount, score) => {
    const answers = eightTrueFalse.map(({ id }, index) => ({ exerciseId: id, answer: index < correctCount }));
    expect((await grader.gradeAttempt(9, answers)).score).toBe(score);
  });

  it('refuses an unknown (or unpublished) lesson, and does not cache the refusal', async () => {
    await expect(grader.gradeAttempt(99, [])).rejects.toBeInstanceOf(LessonNotFoundError);
    expect(cache.entries.has('answer-key:99')).toBe(false);
  });

  it('grades from the catalogue cache once the answer key is cached', async () => {
    await grader.gradeAttempt(7, []);
    cache.entries.set('answer-key:7', JSON.stringify({ ...LESSON, version: 4 }));

    expect((await grader.gradeAttempt(7, [])).version).toBe(4);
  });

  it('names every exercise id that is not in the lesson', async () => {
    const attempt = grader.gradeAttempt(7, [
      { exerciseId: 'apis-1-1', answer: 'Interface' },
      { exerciseId: 'apis-9-9', answer: 'x' },
    ]);
    await expect(attempt).rejects.toThrow(UnknownExerciseError);
    await expect(attempt).rejects.toMatchObject({
      code: 'LESSONS.UNKNOWN_EXERCISE',
      kind: 'invalid',
      fieldProblems: [{ field: 'answers[1].exerciseId', message: '"apis-9-9" is not an exercise of this lesson' }],
    });
  });

  it('refuses an exercise answered twice', async () => {
    const attempt = grader.gradeAttempt(7, [
      { exerciseId: 'apis-1-3', answer: true },
      { exerciseId: 'apis-1-3', answer: false },
    ]);
    await expect(attempt).rejects.toThrow(DuplicateAnswerError);
    await expect(attempt).rejects.toMatchObject({ fieldProblems: [{ field: 'answers[1].exerciseId' }] });
  });

  it('names the exercise whose answer has the wrong shape', async () => {
    const attempt = grader.gradeAttempt(7, [
      { exerciseId: 'apis-1-1', answer: 'Interface' },
      { exerciseId: 'apis-1-3', answer: 'false' },
    ]);
    await expect(attempt).rejects.toThrow(InvalidAnswerShapeError);
    await expect(attempt).rejects.toMatchObject({
      code: 'LESSONS.INVALID_ANSWER_SHAPE',
      kind: 'invalid',
      message: 'answers[1].answer (exercise "apis-1-3") must be true or false',
      fieldProblems: [{ field: 'answers[1].answer', message: '(exercise "apis-1-3") must be true or false' }],
    });
  });
});
