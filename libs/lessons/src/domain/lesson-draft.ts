import type { FieldProblem } from '@techtrek/platform/kernel';
import { validateExercise, type ExerciseDefinition } from './exercise.js';

export const LESSON_DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export type LessonDifficulty = (typeof LESSON_DIFFICULTIES)[number];

/** A lesson's authored content, before it has an id. */
export interface LessonDraft {
  title: string;
  summary: string;
  difficulty: LessonDifficulty;
  estimatedMinutes: number;
  content: string;
  exercises: ExerciseDefinition[];
}

const LIMITS = { title: 120, summary: 280, content: 50_000 };

function textProblem(value: unknown, field: string, max: number): FieldProblem[] {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max
    ? []
    : [{ field, message: `must be non-empty text of at most ${max} characters` }];
}

/** Every rule a lesson's content must satisfy, with field paths like `lessons[1].exercises[2].options`. */
export function validateLessonDraft(candidate: unknown, path: string): FieldProblem[] {
  if (typeof candidate !== 'object' || candidate === null) return [{ field: path, message: 'must be an object' }];
  const draft = candidate as Record<string, unknown>;
  const problems = [
    ...textProblem(draft.title, `${path}.title`, LIMITS.title),
    ...textProblem(draft.content, `${path}.content`, LIMITS.content),
  ];
  if (typeof draft.summary !== 'string' || draft.summary.length > LIMITS.summary) {
    problems.push({ field: `${path}.summary`, message: `must be text of at most ${LIMITS.summary} characters` });
  }
  if (!LESSON_DIFFICULTIES.includes(draft.difficulty as LessonDifficulty)) {
    problems.push({ field: `${path}.difficulty`, message: `must be one of ${LESSON_DIFFICULTIES.join(', ')}` });
  }
  const minutes = draft.estimatedMinutes;
  if (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > 120) {
    problems.push({ field: `${path}.estimatedMinutes`, message: 'must be a whole number of minutes from 1 to 120' });
  }
  if (!Array.isArray(draft.exercises)) {
    return [...problems, { field: `${path}.exercises`, message: 'must be an array' }];
  }
  draft.exercises.forEach((exercise, index) =>
    problems.push(...validateExercise(exercise, `${path}.exercises[${index}]`)),
  );
  return problems;
}
