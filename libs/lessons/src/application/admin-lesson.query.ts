import { Injectable } from '@nestjs/common';
import type { LessonStatus } from '../domain/lesson.js';
import { AdminLessonNotFoundError } from '../domain/lesson.errors.js';
import { AdminLessonReader, type AdminLessonRecord, type AdminLessonSummary } from './admin-lesson.reader.js';
import { decodeLessonCursor, lessonPage } from './lesson-list-cursor.js';

export interface ListAdminLessonsInput {
  topic?: string;
  status?: LessonStatus;
  limit: number;
  cursor?: string;
}

export interface AdminLessonPage {
  items: AdminLessonSummary[];
  nextCursor: string | null;
}

/** Lessons as admins see them: drafts included, answer keys included. */
@Injectable()
export class AdminLessonQuery {
  constructor(private readonly reader: AdminLessonReader) {}

  async get(id: number): Promise<AdminLessonRecord> {
    const lesson = await this.reader.find(id);
    if (!lesson) throw new AdminLessonNotFoundError(id);
    return lesson;
  }

  async list(input: ListAdminLessonsInput): Promise<AdminLessonPage> {
    const after = input.cursor === undefined ? undefined : decodeLessonCursor(input.cursor);
    const rows = await this.reader.list({ topic: input.topic, status: input.status, after, limit: input.limit + 1 });
    return lessonPage(rows, input.limit);
  }
}
