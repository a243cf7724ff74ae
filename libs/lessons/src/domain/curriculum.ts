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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const arrayOrEmpty = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function repeated(values: unknown[]): string[] {
  const seen = new Set<unknown>();
  const reported = new Set<string>();
  for (const value of values) {
    if (typeof value === 'string' && seen.has(value)) reported.add(value);
    seen.add(value);
  }
  return [...reported];
}

function validateTopic(candidate: unknown, path: string): FieldProblem[] {
  if (!isRecord(candidate)) return [{ field: path, message: 'must be an object' }];
  const problems: FieldProblem[] = [];
  if (typeof candidate.topic !== 'string' || !TOPIC_SLUG.test(candidate.topic)) {
    problems.push({ field: `${path}.topic`, message: 'must be a lowercase slug' });
  }
  if (typeof candidate.title !== 'string' || !candidate.title.trim()) {
    problems.push({ field: `${path}.title`, message: 'must be non-empty text' });
  }
  if (!Array.isArray(candidate.lessons) || candidate.lessons.length === 0) {
    return [...problems, { field: `${path}.lessons`, message: 'must list at least one lesson' }];
  }
  candidate.lessons.forEach((lesson, index) =>
    problems.push(...validateLessonDraft(lesson, `${path}.lessons[${index}]`)),
  );
  return problems;
}

/**
 * Rules across the whole curriculum: valid topics and lessons, unique topic slugs, exercise ids
 * unique everywhere. Takes `unknown` input (files, requests) and reports, never throws.
 */
export function validateCurriculum(curriculum: Curriculum): FieldProblem[] {
  const topics: unknown[] = arrayOrEmpty(curriculum.topics);
  const problems = topics.flatMap((topic, index) => validateTopic(topic, `topics[${index}]`));
  const slugs = topics.map((topic) => (isRecord(topic) ? topic.topic : undefined));
  for (const slug of repeated(slugs))
    problems.push({ field: 'topics', message: `topic "${slug}" appears more than once` });
  const exerciseIds = topics
    .flatMap((topic) => (isRecord(topic) ? arrayOrEmpty(topic.lessons) : []))
    .flatMap((lesson) => (isRecord(lesson) ? arrayOrEmpty(lesson.exercises) : []))
    .map((exercise) => (isRecord(exercise) ? exercise.id : undefined));
  for (const id of repeated(exerciseIds))
    problems.push({ field: 'exercises', message: `exercise id "${id}" is used more than once` });
  return problems;
}
