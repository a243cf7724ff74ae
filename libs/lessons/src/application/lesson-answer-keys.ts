import { Injectable } from '@nestjs/common';
import { LessonNotFoundError } from '../domain/lesson.errors.js';
import { CatalogueCache } from './catalogue-cache.js';
import { LessonCatalogueReader, type PublishedLesson } from './lesson-catalogue.reader.js';

/**
 * Published lessons with their answer keys, for the server's own use: grading, and the AI hints'
 * answer-leak guard. Learners are only ever sent `learnerView`s.
 */
@Injectable()
export class LessonAnswerKeys {
  constructor(
    private readonly reader: LessonCatalogueReader,
    private readonly cache: CatalogueCache,
  ) {}

  /**
   * Through the catalogue cache (grading is the busiest write): keyed by catalogue version like
   * every entry, so a publish is seen at once. Throws `LessonNotFoundError` for a lesson that does
   * not exist or is not published.
   */
  async published(lessonId: number): Promise<PublishedLesson> {
    const cached = await this.cache.get(`answer-key:${lessonId}`, async () => {
      const lesson = await this.reader.findPublishedLesson(lessonId);
      if (!lesson) throw new LessonNotFoundError();
      return JSON.stringify(lesson);
    });
    return JSON.parse(cached) as PublishedLesson;
  }
}
