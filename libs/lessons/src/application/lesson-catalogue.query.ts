import { Injectable } from '@nestjs/common';
import { learnerView, type LearnerExercise } from '../domain/exercise-grader.js';
import type { LessonDifficulty } from '../domain/lesson-draft.js';
import { LessonNotFoundError } from '../domain/lesson.errors.js';
import {
  LessonCatalogueReader,
  type LessonSummary,
  type PublishedLesson,
  type TopicSummary,
} from './lesson-catalogue.reader.js';
import { decodeLessonCursor, lessonPage } from './lesson-list-cursor.js';

export interface ListLessonsInput {
  topic?: string;
  difficulty?: LessonDifficulty;
  /** 1–100, checked at the edge. */
  limit: number;
  cursor?: string;
}

export interface LessonPage {
  items: LessonSummary[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/** What a learner reads, answer keys removed. */
export type LearnerLesson = Omit<PublishedLesson, 'exercises'> & { exercises: LearnerExercise[] };

/** The learner catalogue: published topics and lessons, readable without an account. */
@Injectable()
export class LessonCatalogueQuery {
  constructor(private readonly reader: LessonCatalogueReader) {}

  topics(): Promise<TopicSummary[]> {
    return this.reader.listTopics();
  }

  /** An unknown topic is an empty list, not an error: the answer stays cacheable and harmless. */
  async lessons(input: ListLessonsInput): Promise<LessonPage> {
    const after = input.cursor === undefined ? undefined : decodeLessonCursor(input.cursor);
    const rows = await this.reader.listLessons({
      topic: input.topic,
      difficulty: input.difficulty,
      after,
      limit: input.limit + 1,
    });
    return lessonPage(rows, input.limit);
  }

  async lesson(id: number): Promise<LearnerLesson> {
    const lesson = await this.reader.findPublishedLesson(id);
    if (!lesson) throw new LessonNotFoundError();
    return { ...lesson, exercises: lesson.exercises.map(learnerView) };
  }
}
