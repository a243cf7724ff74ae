import { describe, expect, it } from '@jest/globals';
import { Lesson, type LessonContent, type LessonState } from './lesson.js';
import { InvalidLessonError, LessonNotPublishableError, StaleLessonRevisionError } from './lesson.errors.js';

const content = (overrides: Partial<LessonContent> = {}): LessonContent => ({
  title: 'REST in Plain English',
  summary: 'Verbs and resources.',
  content: '# REST',
  difficulty: 'beginner',
  estimatedMinutes: 5,
  media: [],
  exercises: [{ id: 'rest-1', kind: 'true_false', prompt: 'GET changes data.', correct: [false], explanation: 'No.' }],
  ...overrides,
});

const draft = (overrides: Partial<LessonState> = {}): Lesson =>
  Lesson.restore({
    id: 40,
    topic: 'apis',
    sequenceOrder: 5,
    content: content(),
    status: 'draft',
    revision: 1,
    publishedVersion: null,
    publishedRevision: null,
    ...overrides,
  });

const fieldsOf = (action: () => unknown): string[] => {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidLessonError) return error.fieldProblems.map((problem) => problem.field);
    throw error;
  }
  return [];
};

describe('Lesson', () => {
  it('freezes version 1 on first publish and no new version while nothing changed', () => {
    const lesson = draft();
    expect(lesson.publish()).toEqual({ freeze: { version: 1, revision: 1, content: content() }, changed: true });
    expect(lesson.snapshot).toMatchObject({ status: 'published', publishedVersion: 1, publishedRevision: 1 });
    expect(lesson.publish()).toEqual({ freeze: null, changed: false });
  });

  it('keeps edits to a live lesson unpublished until the next publish, which freezes a new version', () => {
    const lesson = draft();
    lesson.publish();
    lesson.edit({ title: 'REST, Simply' });
    expect(lesson.snapshot).toMatchObject({ status: 'published', revision: 2, publishedVersion: 1 });
    expect(lesson.hasUnpublishedChanges).toBe(true);
    expect(lesson.publish().freeze).toMatchObject({ version: 2, revision: 2, content: { title: 'REST, Simply' } });
    expect(lesson.hasUnpublishedChanges).toBe(false);
  });

  it('republishes an unchanged lesson after an unpublish without a new version, but as a visible change', () => {
    const lesson = draft();
    lesson.publish();
    expect(lesson.unpublish()).toBe(true);
    expect(lesson.unpublish()).toBe(false);
    expect(lesson.publish()).toEqual({ freeze: null, changed: true });
    expect(lesson.snapshot.publishedVersion).toBe(1);
  });

  it('refuses to publish a lesson without exercises', () => {
    expect(() => draft({ content: content({ exercises: [] }) }).publish()).toThrow(LessonNotPublishableError);
  });

  it('refuses a stale If-Match and accepts the current revision or none', () => {
    const lesson = draft({ revision: 3 });
    expect(() => lesson.assertRevision([2])).toThrow(StaleLessonRevisionError);
    expect(() => lesson.assertRevision([])).toThrow(StaleLessonRevisionError);
    expect(() => lesson.assertRevision([1, 3])).not.toThrow();
    expect(() => lesson.assertRevision(undefined)).not.toThrow();
  });

  it('names the field of every invalid edit, and changes nothing', () => {
    const lesson = draft();
    const duplicate = content().exercises[0];
    expect(
      fieldsOf(() =>
        lesson.edit({
          title: ' ',
          estimatedMinutes: 0,
          exercises: [duplicate, { ...duplicate, options: ['a', 'b'] }, duplicate],
          media: [
            { assetId: 1, alt: '' },
            { assetId: 1, alt: 'x'.repeat(301) },
          ],
        }),
      ),
    ).toEqual([
      'title',
      'estimatedMinutes',
      'exercises[1].options',
      'exercises[1].id',
      'exercises[2].id',
      'media[1].assetId',
      'media[1].alt',
    ]);
    expect(lesson.snapshot).toMatchObject({ revision: 1, content: content() });
  });

  it('validates new content the same way', () => {
    expect(fieldsOf(() => Lesson.validateNew(content({ difficulty: 'expert' as 'beginner' })))).toEqual(['difficulty']);
  });
});
