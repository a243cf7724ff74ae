import { Injectable } from '@nestjs/common';
import { CatalogueCache } from './catalogue-cache.js';
import { LessonCatalogueReader, type PublishedLessonTopic, type TopicSummary } from './lesson-catalogue.reader.js';

/** The published curriculum's shape: what other modules need to summarise a learner's progress. */
export interface CurriculumOutline {
  /** Topics with published lessons, in curriculum order. */
  topics: TopicSummary[];
  /** Every published lesson's topic, in catalogue order. */
  lessons: PublishedLessonTopic[];
}

/**
 * Lessons' public read of the curriculum's outline, so progress can count completed lessons per
 * topic (and gamification award topic badges) without reading the lessons tables itself.
 */
@Injectable()
export class CurriculumIndex {
  constructor(
    private readonly reader: LessonCatalogueReader,
    private readonly cache: CatalogueCache,
  ) {}

  /** From the catalogue cache (every attempt asks), so a CMS change is seen as the catalogue sees it. */
  async outline(): Promise<CurriculumOutline> {
    return JSON.parse(await this.cache.get('outline', () => this.load())) as CurriculumOutline;
  }

  private async load(): Promise<string> {
    const [topics, lessons] = await Promise.all([this.reader.listTopics(), this.reader.listPublishedLessonTopics()]);
    return JSON.stringify({ topics, lessons });
  }
}
