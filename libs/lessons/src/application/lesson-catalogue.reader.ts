import type { ExerciseDefinition } from '../domain/exercise.js';
import type { LessonDifficulty } from '../domain/lesson-draft.js';

/** A topic as the catalogue lists it: only topics with published lessons, counting only those. */
export interface TopicSummary {
  topic: string;
  title: string;
  lessonCount: number;
}

export interface LessonSummary {
  id: number;
  topic: string;
  title: string;
  summary: string;
  difficulty: LessonDifficulty;
  sequenceOrder: number;
  estimatedMinutes: number;
  exerciseCount: number;
}

/** A media asset as frozen into a published version: everything a client needs to show it. */
export interface PublishedMedia {
  id: number;
  kind: 'image' | 'video' | 'audio';
  url: string;
  alt: string;
}

/**
 * A published lesson with its answer key: for grading, and (through `learnerView`) for reading.
 * `version` is the immutable version learners see; attempts record it.
 */
export interface PublishedLesson extends Omit<LessonSummary, 'exerciseCount'> {
  version: number;
  content: string;
  media: PublishedMedia[];
  exercises: ExerciseDefinition[];
}

export interface PublishedLessonTopic {
  lessonId: number;
  topic: string;
}

/** Where a lesson sits in the catalogue order: topic position, then sequence, then id. */
export interface LessonSortKey {
  topicPosition: number;
  sequenceOrder: number;
  lessonId: number;
}

export interface LessonListFilter {
  topic?: string;
  difficulty?: LessonDifficulty;
  /** Only lessons strictly after this key. */
  after?: LessonSortKey;
  limit: number;
}

/** Reads published content straight into response-shaped rows. Drafts are invisible here. */
export abstract class LessonCatalogueReader {
  /** In curriculum order (topic position). */
  abstract listTopics(): Promise<TopicSummary[]>;

  /** In catalogue order, each with its sort key (for the next page's cursor). */
  abstract listLessons(filter: LessonListFilter): Promise<{ lesson: LessonSummary; key: LessonSortKey }[]>;

  /** Every published lesson's topic, in catalogue order: a few hundred small rows. */
  abstract listPublishedLessonTopics(): Promise<PublishedLessonTopic[]>;

  /** Null when the lesson does not exist or is not published. */
  abstract findPublishedLesson(id: number): Promise<PublishedLesson | null>;
}
