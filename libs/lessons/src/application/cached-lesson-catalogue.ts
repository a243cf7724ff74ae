import { Injectable } from '@nestjs/common';
import { CatalogueCache } from './catalogue-cache.js';
import { LessonCatalogueQuery, type ListLessonsInput } from './lesson-catalogue.query.js';

/**
 * The learner catalogue as response bodies (JSON strings), through the catalogue cache. A failed
 * read (unknown lesson, bad cursor) is thrown and never cached, so a publish shows at once.
 */
@Injectable()
export class CachedLessonCatalogue {
  constructor(
    private readonly query: LessonCatalogueQuery,
    private readonly cache: CatalogueCache,
  ) {}

  topics(): Promise<string> {
    return this.cache.get('topics', async () => JSON.stringify(await this.query.topics()));
  }

  lessons(input: ListLessonsInput): Promise<string> {
    const key = `lessons:${input.topic ?? ''}|${input.difficulty ?? ''}|${input.limit}|${input.cursor ?? ''}`;
    return this.cache.get(key, async () => JSON.stringify(await this.query.lessons(input)));
  }

  lesson(id: number): Promise<string> {
    return this.cache.get(`lesson:${id}`, async () => JSON.stringify(await this.query.lesson(id)));
  }
}

/**
 * Empties the catalogue cache after a change made behind the application's back (an operator's
 * SQL, a test). The CMS and the curriculum import go through `CatalogueChanges` instead, which
 * bumps the version inside their transaction.
 */
@Injectable()
export class CatalogueInvalidator {
  constructor(private readonly cache: CatalogueCache) {}

  /**
   * Empties the catalogue cache everywhere: this instance at once, the other instances within
   * about a second (their version check). Rejects when PostgreSQL is unreachable.
   */
  invalidateAll(): Promise<void> {
    return this.cache.invalidateAll();
  }
}
