import type { HintExercise } from './hint-context.js';

/**
 * One example exercise of each kind, shared by the answer-leak guard's specs (test data only: tsconfig.build.json
 * keeps `*.fixtures.ts` out of the build). The guard never reads the explanation, so every one is a placeholder.
 */

/** Single choice; the correct option is the second (B), so letters and positions can be checked. */
export const waiter: HintExercise = {
  id: 'apis-1-2',
  kind: 'single_choice',
  prompt: 'In the restaurant analogy, what does the API represent?',
  options: ['The kitchen', 'The waiter', 'The customer', 'The dish'],
  correct: ['The waiter'],
  explanation: 'Because.',
};

/** Multiple choice with two correct options (B and D) among wrong ones that look alike. */
export const methods: HintExercise = {
  id: 'm',
  kind: 'multiple_choice',
  prompt: 'Which methods read or create data?',
  options: ['SEND', 'GET', 'HTTPS', 'POST'],
  correct: ['GET', 'POST'],
  explanation: 'Because.',
};

/** True/false; the statement is false. */
export const password: HintExercise = {
  id: 'apis-1-3',
  kind: 'true_false',
  prompt: 'When you use a "Sign in with Google" button, the website gets to see your Google password.',
  correct: [false],
  explanation: 'Because.',
};

/** Ordering of three one-word items, shown out of order. */
export const steps: HintExercise = {
  id: 'o',
  kind: 'ordering',
  prompt: 'Put the steps of a web request in order.',
  items: ['Respond', 'Request', 'Process'],
  correct: ['Request', 'Process', 'Respond'],
  explanation: 'Because.',
};

/** Fill in the blank with three accepted answers: a word, a phrase with a hyphen, and an acronym. */
export const acronym: HintExercise = {
  id: 'apis-1-1',
  kind: 'fill_blank',
  prompt: 'API stands for Application Programming ___.',
  correct: ['Interface', 'e-mail address', 'HTTP'],
  explanation: 'Because.',
};
