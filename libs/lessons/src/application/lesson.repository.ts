import type { Lesson, LessonContent, VersionToFreeze } from '../domain/lesson.js';
import type { PublishedMedia } from './lesson-catalogue.reader.js';

export interface NewLesson {
  topic: string;
  /** Where in the topic; the lessons from there on move down one. Last when absent. */
  sequenceOrder?: number;
  content: LessonContent;
}

/**
 * Lessons as admins edit them. Every method runs in the caller's transaction (`Transactions`), so
 * a use case's reads, writes, audit record and catalogue bump commit together.
 */
export abstract class LessonRepository {
  /** The lesson, locked until the transaction ends: concurrent edits queue instead of racing. */
  abstract findForUpdate(id: number): Promise<Lesson | null>;
  abstract topicExists(topic: string): Promise<boolean>;
  abstract create(lesson: NewLesson): Promise<Lesson>;
  /** Writes the working copy: content, status, revision and published pointers. */
  abstract save(lesson: Lesson): Promise<void>;
  /** Stores an immutable version, with its media resolved as learners will see them. */
  abstract freezeVersion(
    lessonId: number,
    version: VersionToFreeze,
    media: readonly PublishedMedia[],
    publishedBy: number,
  ): Promise<void>;
  /** False when learners' history references the lesson (it then stays). */
  abstract delete(id: number): Promise<boolean>;
  /** The topic's lesson ids in their current order, locked for the transaction. */
  abstract lessonIdsOfTopicForUpdate(topic: string): Promise<number[]>;
  /** Gives the lessons sequence 1…n in the order listed (every lesson of the topic). */
  abstract reorder(topic: string, lessonIds: readonly number[]): Promise<void>;
}
