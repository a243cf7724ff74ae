/** A learner's record for one lesson (the `progress` row). */
export interface LessonProgress {
  lessonId: number;
  completed: boolean;
  /** Best score so far, 0–100; null before any attempt was graded. */
  bestScore: number | null;
  attempts: number;
  /** First completion; null until passed. */
  completedAt: Date | null;
}

/** The published curriculum: topics in order, and every published lesson's topic. */
export interface CurriculumShape {
  topics: readonly { topic: string }[];
  lessons: readonly { lessonId: number; topic: string }[];
}

export interface TopicProgress {
  topic: string;
  completed: number;
  total: number;
}

export interface ProgressSummary {
  /** Published lessons completed. */
  completedLessons: number;
  totalLessons: number;
  byTopic: TopicProgress[];
  /** Topics whose every published lesson is completed. */
  topicsCompleted: string[];
  /** Topics with at least one completed lesson. */
  topicsTouched: string[];
}

/**
 * Counts what a learner completed against what is published now: an unpublished lesson leaves the
 * totals (its record stays), a newly published one re-opens its topic.
 */
export function summariseProgress(records: readonly LessonProgress[], curriculum: CurriculumShape): ProgressSummary {
  const completed = new Set(records.filter((record) => record.completed).map((record) => record.lessonId));
  const byTopic = curriculum.topics.map(({ topic }) => {
    const lessons = curriculum.lessons.filter((lesson) => lesson.topic === topic);
    return {
      topic,
      completed: lessons.filter((lesson) => completed.has(lesson.lessonId)).length,
      total: lessons.length,
    };
  });
  return {
    completedLessons: byTopic.reduce((sum, topic) => sum + topic.completed, 0),
    totalLessons: byTopic.reduce((sum, topic) => sum + topic.total, 0),
    byTopic,
    topicsCompleted: byTopic
      .filter((topic) => topic.total > 0 && topic.completed === topic.total)
      .map(({ topic }) => topic),
    topicsTouched: byTopic.filter((topic) => topic.completed > 0).map(({ topic }) => topic),
  };
}

/** The records as they stand once an attempt at `lessonId` is counted: a pass completes the lesson. */
export function withAttempt(records: readonly LessonProgress[], lessonId: number, passed: boolean): LessonProgress[] {
  const attempted = records.some((record) => record.lessonId === lessonId);
  const updated = records.map((record) =>
    record.lessonId === lessonId ? { ...record, completed: record.completed || passed } : record,
  );
  if (attempted) return updated;
  return [...updated, { lessonId, completed: passed, bestScore: null, attempts: 0, completedAt: null }];
}
