/** How much a hint gives away: 1 nudges, 2 points at the concept in the lesson, 3 walks up to (never onto) the answer. */
export const HINT_LEVELS = [1, 2, 3] as const;
export type HintLevel = (typeof HINT_LEVELS)[number];

/** The exercise kinds hints know about (the lessons module's kinds, as this module sees them). */
export type HintExerciseKind = 'single_choice' | 'multiple_choice' | 'true_false' | 'ordering' | 'fill_blank';

/** A learner's answer as the lessons module takes it: an option, options, a boolean, items in order, or text. */
export type LearnerAnswer = string | boolean | string[];

/** An exercise with its answer key: the guard needs the key, providers never see it. */
export interface HintExercise {
  id: string;
  kind: HintExerciseKind;
  prompt: string;
  options?: string[];
  items?: string[];
  /** The correct option(s), the boolean, the items in order, or every accepted text. */
  correct: (string | boolean)[];
  /** Why the answer is right: written by the author, shown after grading; a hint may use it, never quote the answer. */
  explanation: string;
}

/** The published lesson a hint is about. */
export interface HintLesson {
  id: number;
  version: number;
  topic: string;
  title: string;
  difficulty: 'beginner' | 'intermediate' | 'advanced';
  /** Markdown, paragraphs separated by blank lines. */
  content: string;
}

/** `exercise`: help with one exercise (short, fast); `question`: the learner asks about the lesson itself. */
export type HintPurpose = 'exercise' | 'question';

/** Everything a hint is made from. Holds no personal data: no user id, name or email. */
export interface HintContext {
  lesson: HintLesson;
  exercise?: HintExercise;
  level: HintLevel;
  /** The learner's own words (≤ 500 characters): data to answer, never instructions to follow. */
  question?: string;
  /** What the learner answered so far, if anything. */
  userAnswer?: LearnerAnswer;
}

export const hintPurpose = (context: Pick<HintContext, 'exercise'>): HintPurpose =>
  context.exercise ? 'exercise' : 'question';
