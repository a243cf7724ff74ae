import { normalizeFreeText } from '@techtrek/platform/kernel';
import type { ExerciseDefinition, ExerciseKind } from './exercise.js';

/**
 * A learner's answer, by kind: an option (single choice), options (multiple choice), a boolean
 * (true/false), the items in order (ordering), free text (fill in the blank).
 */
export type LearnerAnswer = string | boolean | string[];

/** `invalidShape` means the answer is not even of the kind's JSON type: a client bug, not a mistake. */
export type GradeOutcome = { correct: boolean } | { invalidShape: string };

/** What a learner may see of an exercise before answering it: no answer key, no explanation. */
export interface LearnerExercise {
  id: string;
  kind: ExerciseKind;
  prompt: string;
  options?: string[];
  items?: string[];
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'string');

function sameSet(answer: string[], correct: string[]): boolean {
  return answer.length === correct.length && answer.every((option) => correct.includes(option));
}

const sameSequence = (answer: string[], correct: string[]): boolean =>
  answer.length === correct.length && answer.every((item, index) => item === correct[index]);

type Grader = (exercise: ExerciseDefinition, answer: unknown) => GradeOutcome;

/*
 * An answer of the right JSON type that names an option or item the exercise does not have is
 * wrong, not malformed: the lesson may have been edited since the app loaded it.
 */
const GRADERS: Record<ExerciseKind, Grader> = {
  single_choice: ({ correct }, answer) =>
    typeof answer === 'string' ? { correct: answer === correct[0] } : { invalidShape: 'must be an option (a string)' },
  multiple_choice: ({ correct }, answer) => {
    if (!isStringList(answer)) return { invalidShape: 'must be an array of options (strings)' };
    if (new Set(answer).size !== answer.length) return { invalidShape: 'must not name an option twice' };
    return { correct: sameSet(answer, correct as string[]) };
  },
  true_false: ({ correct }, answer) =>
    typeof answer === 'boolean' ? { correct: answer === correct[0] } : { invalidShape: 'must be true or false' },
  ordering: ({ correct }, answer) =>
    isStringList(answer)
      ? { correct: sameSequence(answer, correct as string[]) }
      : { invalidShape: 'must be an array of items (strings), in order' },
  fill_blank: ({ correct }, answer) => {
    if (typeof answer !== 'string') return { invalidShape: 'must be text (a string)' };
    const given = normalizeFreeText(answer);
    return { correct: correct.some((accepted) => normalizeFreeText(String(accepted)) === given) };
  },
};

/** Grades one answer against a valid exercise (see `validateExercise`). Never throws on any input. */
export function gradeAnswer(exercise: ExerciseDefinition, answer: unknown): GradeOutcome {
  return GRADERS[exercise.kind](exercise, answer);
}

/**
 * The answer key in the shape a learner answers in: revealed once an attempt is graded. For
 * fill-in-the-blank it is the first accepted answer (the one the author wrote first).
 */
export function correctAnswerOf(exercise: ExerciseDefinition): LearnerAnswer {
  switch (exercise.kind) {
    case 'multiple_choice':
    case 'ordering':
      return [...(exercise.correct as string[])];
    case 'true_false':
      return exercise.correct[0] as boolean;
    default:
      return exercise.correct[0] as string;
  }
}

/** Picks what may be shown, rather than deleting what may not: a field added later stays hidden. */
export function learnerView(exercise: ExerciseDefinition): LearnerExercise {
  const view: LearnerExercise = { id: exercise.id, kind: exercise.kind, prompt: exercise.prompt };
  if (exercise.options) view.options = [...exercise.options];
  if (exercise.items) view.items = [...exercise.items];
  return view;
}
