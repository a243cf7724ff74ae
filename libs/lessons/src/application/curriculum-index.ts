import { Injectable } from '@nestjs/common';
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
  constructor(private readonly reader: LessonCatalogueReader) {}

  async outline(): Promise<CurriculumOutline> {
    const [topics, lessons] = await Promise.all([this.reader.listTopics(), this.reader.listPublishedLessonTopics()]);
    return { topics, lessons };
  }
}
