import { Injectable } from '@nestjs/common';
import { CurriculumIndex } from '@techtrek/lessons';
import { isStoredId } from '@techtrek/platform/kernel';
import { summariseProgress, type LessonProgress, type TopicProgress } from '../domain/progress-summary.js';
import { LessonProgressNotFoundError } from '../domain/progress.errors.js';
import { AttemptRepository, type AttemptSummary } from './attempt.repository.js';

export interface ProgressOverview {
  items: LessonProgress[];
  summary: { completedLessons: number; totalLessons: number; byTopic: TopicProgress[] };
}

export interface LessonProgressDetail extends LessonProgress {
  history: AttemptSummary[];
}

/** A learner's own progress; nothing here reads another learner's rows. */
@Injectable()
export class ProgressQuery {
  constructor(
    private readonly attempts: AttemptRepository,
    private readonly curriculum: CurriculumIndex,
  ) {}

  async overview(userId: number): Promise<ProgressOverview> {
    const [items, outline] = await Promise.all([this.attempts.progressOfLearner(userId), this.curriculum.outline()]);
    const { completedLessons, totalLessons, byTopic } = summariseProgress(items, outline);
    return { items, summary: { completedLessons, totalLessons, byTopic } };
  }

  /**
   * A lesson the learner attempted, or a published one not attempted yet (an empty record); any
   * other id is 404, as an unknown lesson is.
   */
  async ofLesson(userId: number, lessonId: number): Promise<LessonProgressDetail> {
    if (!isStoredId(lessonId)) throw new LessonProgressNotFoundError();
    const record = await this.attempts.progressOf(userId, lessonId);
    if (record) return { ...record, history: await this.attempts.historyOf(userId, lessonId) };
    const { lessons } = await this.curriculum.outline();
    if (!lessons.some((lesson) => lesson.lessonId === lessonId)) throw new LessonProgressNotFoundError();
    return { lessonId, completed: false, bestScore: null, attempts: 0, completedAt: null, history: [] };
  }
}
