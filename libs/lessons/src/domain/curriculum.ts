import { DomainError, type FieldProblem } from '@techtrek/platform/kernel';
import { validateLessonDraft, type LessonDraft } from './lesson-draft.js';

/** A topic with its lessons in teaching order; topics come in curriculum order. */
export interface CurriculumTopic {
  topic: string;
  title: string;
  description: string;
  lessons: LessonDraft[];
}

export interface Curriculum {
  topics: CurriculumTopic[];
}

export class InvalidCurriculumError extends DomainError {
  readonly code = 'LESSONS.INVALID_CURRICULUM';
  readonly kind = 'invalid';

  constructor(problems: FieldProblem[]) {
    super(
      `The curriculum has ${problems.length} problem(s); the first: ${problems[0].field} ${problems[0].message}`,
      problems,
    );
  }
}

const TOPIC_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function duplicates(values: string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

/** Rules across the whole curriculum: unique topic slugs, valid lessons, exercise ids unique everywhere. */
export function validateCurriculum(curriculum: Curriculum): FieldProblem[] {
  const problems: FieldProblem[] = [];
  curriculum.topics.forEach((topic, topicIndex) => {
    const path = `topics[${topicIndex}]`;
    if (!TOPIC_SLUG.test(topic.topic ?? ''))
      problems.push({ field: `${path}.topic`, message: 'must be a lowercase slug' });
    if (!topic.title?.trim()) problems.push({ field: `${path}.title`, message: 'must not be empty' });
    if (!Array.isArray(topic.lessons) || topic.lessons.length === 0) {
      problems.push({ field: `${path}.lessons`, message: 'must list at least one lesson' });
      return;
    }
    topic.lessons.forEach((lesson, index) =>
      problems.push(...validateLessonDraft(lesson, `${path}.lessons[${index}]`)),
    );
  });
  for (const slug of duplicates(curriculum.topics.map((topic) => topic.topic))) {
    problems.push({ field: 'topics', message: `topic "${slug}" appears twice` });
  }
  const exerciseIds = curriculum.topics.flatMap((topic) =>
    (topic.lessons ?? []).flatMap((lesson) => (lesson.exercises ?? []).map((exercise) => exercise.id)),
  );
  for (const id of duplicates(exerciseIds))
    problems.push({ field: 'exercises', message: `exercise id "${id}" is used twice` });
  return problems;
}
