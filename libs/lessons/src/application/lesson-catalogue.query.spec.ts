import { describe, expect, it } from '@jest/globals';
import { LessonNotFoundError } from '../domain/lesson.errors.js';
import { LessonCatalogueQuery } from './lesson-catalogue.query.js';
import {
  LessonCatalogueReader,
  type LessonListFilter,
  type LessonSortKey,
  type LessonSummary,
  type PublishedLesson,
} from './lesson-catalogue.reader.js';
import { decodeLessonCursor, InvalidLessonCursorError } from './lesson-list-cursor.js';

const summary = (id: number): LessonSummary => ({
  id,
  topic: 'apis',
  title: `Lesson ${id}`,
  summary: '',
  difficulty: 'beginner',
  sequenceOrder: id,
  estimatedMinutes: 5,
  exerciseCount: 1,
});
const keyOf = (id: number): LessonSortKey => ({ topicPosition: 1, sequenceOrder: id, lessonId: id });
const byKey = (a: LessonSortKey, b: LessonSortKey) =>
  a.topicPosition - b.topicPosition || a.sequenceOrder - b.sequenceOrder || a.lessonId - b.lessonId;

class InMemoryLessonCatalogueReader extends LessonCatalogueReader {
  readonly filters: LessonListFilter[] = [];
  constructor(
    private readonly summaries: LessonSummary[],
    private readonly lessons: PublishedLesson[] = [],
  ) {
    super();
  }
  listTopics = async () => [];
  listPublishedLessonTopics = async () => [];
  listLessons = async (filter: LessonListFilter) => {
    this.filters.push(filter);
    return this.summaries
      .map((lesson) => ({ lesson, key: keyOf(lesson.id) }))
      .filter((row) => !filter.after || byKey(row.key, filter.after) > 0)
      .slice(0, filter.limit);
  };
  findPublishedLesson = async (id: number) => this.lessons.find((lesson) => lesson.id === id) ?? null;
}

describe('LessonCatalogueQuery', () => {
  it('pages through every lesson once, with a null cursor on the last page', async () => {
    const catalogue = new LessonCatalogueQuery(new InMemoryLessonCatalogueReader([1, 2, 3, 4, 5].map(summary)));
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await catalogue.lessons({ limit: 2, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(pages).toBe(3);
  });

  it('gives no cursor when the page is exactly the rest', async () => {
    const reader = new InMemoryLessonCatalogueReader([1, 2].map(summary));
    const page = await new LessonCatalogueQuery(reader).lessons({ limit: 2, topic: 'apis', difficulty: 'advanced' });
    expect(page.nextCursor).toBeNull();
    expect(reader.filters).toEqual([{ topic: 'apis', difficulty: 'advanced', after: undefined, limit: 3 }]);
  });

  it('carries the last row key in the cursor', async () => {
    const page = await new LessonCatalogueQuery(new InMemoryLessonCatalogueReader([1, 2, 3].map(summary))).lessons({
      limit: 2,
    });
    expect(decodeLessonCursor(page.nextCursor!)).toEqual(keyOf(2));
  });

  it('refuses a malformed cursor before reading', async () => {
    const reader = new InMemoryLessonCatalogueReader([]);
    await expect(new LessonCatalogueQuery(reader).lessons({ limit: 2, cursor: 'nope' })).rejects.toThrow(
      InvalidLessonCursorError,
    );
    expect(reader.filters).toEqual([]);
  });

  it('shows a lesson without answer keys, and 404s what is not published', async () => {
    const lesson: PublishedLesson = {
      ...summary(1),
      version: 1,
      media: [],
      content: 'text',
      exercises: [{ id: 'a-1', kind: 'true_false', prompt: 'Yes?', correct: [true], explanation: 'Yes.' }],
    };
    const catalogue = new LessonCatalogueQuery(new InMemoryLessonCatalogueReader([], [lesson]));
    expect((await catalogue.lesson(1)).exercises).toEqual([{ id: 'a-1', kind: 'true_false', prompt: 'Yes?' }]);
    await expect(catalogue.lesson(2)).rejects.toThrow(LessonNotFoundError);
  });
});
