import type { ExerciseDefinition } from '../domain/exercise.js';
import type { LessonDifficulty } from '../domain/lesson-draft.js';
import type { LessonMediaReference, LessonStatus } from '../domain/lesson.js';
import type { LessonSortKey } from './lesson-catalogue.reader.js';

/** A lesson as the admin API shows it: the working copy with its answer key and publishing state. */
export interface AdminLessonRecord {
  id: number;
  topic: string;
  sequenceOrder: number;
  title: string;
  summary: string;
  content: string;
  difficulty: LessonDifficulty;
  estimatedMinutes: number;
  media: LessonMediaReference[];
  exercises: ExerciseDefinition[];
  status: LessonStatus;
  revision: number;
  publishedVersion: number | null;
  hasUnpublishedChanges: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type AdminLessonSummary = Omit<AdminLessonRecord, 'content' | 'media' | 'exercises'> & {
  exerciseCount: number;
};

export interface AdminLessonFilter {
  topic?: string;
  status?: LessonStatus;
  limit: number;
  /** The last lesson of the previous page; the order is the learners' (topic, sequence). */
  after?: LessonSortKey;
}

export abstract class AdminLessonReader {
  abstract find(id: number): Promise<AdminLessonRecord | null>;
  abstract list(filter: AdminLessonFilter): Promise<{ lesson: AdminLessonSummary; key: LessonSortKey }[]>;
}
