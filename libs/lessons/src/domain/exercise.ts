import type { FieldProblem } from '@techtrek/platform/kernel';

export const EXERCISE_KINDS = ['single_choice', 'multiple_choice', 'true_false', 'ordering', 'fill_blank'] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];

/** An exercise as admins write it and as it is stored: the answer key travels with it. */
export interface ExerciseDefinition {
  id: string;
  kind: ExerciseKind;
  prompt: string;
  options?: string[];
  items?: string[];
  correct: (string | boolean)[];
  explanation: string;
}

const EXERCISE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_TEXT = 2_000;

type Check = (exercise: Record<string, unknown>, problem: (field: string, message: string) => void) => void;

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);
const hasDuplicates = (values: string[]): boolean => new Set(values).size !== values.length;

function sameMultiset(left: string[], right: string[]): boolean {
  if (left.length !== right.length) return false;
  const sortedRight = [...right].sort();
  return [...left].sort().every((value, index) => value === sortedRight[index]);
}

/** Checks shared by options-based kinds: 2+ unique options, every correct answer among them. */
function choiceCheck(correctCount: 'one' | 'one-or-more'): Check {
  return (exercise, problem) => {
    const { options, correct } = exercise;
    if (!isTextList(options) || options.length < 2) return problem('options', 'must list at least 2 non-empty options');
    if (hasDuplicates(options)) problem('options', 'must not repeat an option');
    if (!isTextList(correct) || correct.length === 0) return problem('correct', 'must list the correct option(s)');
    if (correctCount === 'one' && correct.length !== 1) problem('correct', 'must name exactly one option');
    if (hasDuplicates(correct)) problem('correct', 'must not repeat an option');
    if (correct.some((answer) => !options.includes(answer))) problem('correct', 'must only name listed options');
  };
}

const CHECKS: Record<ExerciseKind, Check> = {
  single_choice: choiceCheck('one'),
  multiple_choice: choiceCheck('one-or-more'),
  true_false: ({ correct }, problem) => {
    if (!Array.isArray(correct) || correct.length !== 1 || typeof correct[0] !== 'boolean') {
      problem('correct', 'must be [true] or [false]');
    }
  },
  ordering: ({ items, correct }, problem) => {
    if (!isTextList(items) || items.length < 2) return problem('items', 'must list at least 2 non-empty items');
    if (hasDuplicates(items)) problem('items', 'must not repeat an item');
    const isPermutation = isTextList(correct) && sameMultiset(correct, items);
    if (!isPermutation) problem('correct', 'must be the items in their right order (a permutation of items)');
  },
  fill_blank: ({ correct }, problem) => {
    if (!isTextList(correct) || correct.length === 0) problem('correct', 'must list at least one accepted answer');
  },
};

const EXERCISE_KEYS = new Set(['id', 'kind', 'prompt', 'options', 'items', 'correct', 'explanation']);

const ALLOWED_KEYS: Record<ExerciseKind, string[]> = {
  single_choice: ['options'],
  multiple_choice: ['options'],
  true_false: [],
  ordering: ['items'],
  fill_blank: [],
};

/** Every rule an exercise must satisfy, as field problems under `path` (e.g. `exercises[2]`). */
export function validateExercise(candidate: unknown, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string): void => {
    problems.push({ field: `${path}.${field}`, message });
  };
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return [{ field: path, message: 'must be an object' }];
  }
  const exercise = candidate as Record<string, unknown>;
  if (typeof exercise.id !== 'string' || !EXERCISE_ID.test(exercise.id)) {
    problem('id', 'must be a lowercase slug like "apis-1-2"');
  }
  for (const field of ['prompt', 'explanation'] as const) {
    const value = exercise[field];
    if (!isText(value) || value.length > MAX_TEXT)
      problem(field, `must be non-empty text of at most ${MAX_TEXT} characters`);
  }
  const kind = exercise.kind as ExerciseKind;
  if (!EXERCISE_KINDS.includes(kind)) {
    problem('kind', `must be one of ${EXERCISE_KINDS.join(', ')}`);
    return problems;
  }
  for (const key of ['options', 'items'].filter((key) => !ALLOWED_KEYS[kind].includes(key))) {
    if (key in exercise) problem(key, `is not used by ${kind} exercises`);
  }
  for (const key of Object.keys(exercise).filter((key) => !EXERCISE_KEYS.has(key))) {
    problem(key, 'is not a property of an exercise');
  }
  CHECKS[kind](exercise, problem);
  return problems;
}
