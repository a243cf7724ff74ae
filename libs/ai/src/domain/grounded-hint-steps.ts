import { normalizeFreeText } from '@techtrek/platform/kernel';
import { keyTerms, keyTexts, learnerTexts, listed } from './grounded-hint-terms.js';
import type { HintContext, HintExercise, LearnerAnswer } from './hint-context.js';

/** A wrong option to rule out, the learner's own first, when at least two wrong ones are left to choose from. */
function ruleOutOption(exercise: HintExercise, userAnswer: LearnerAnswer | undefined): string | null {
  const options = exercise.options ?? [];
  const correct = keyTexts(exercise.correct);
  const wrong = options.filter((option) => !correct.includes(option));
  if (options.length < 3 || wrong.length < 2) return null;
  const picked = learnerTexts(userAnswer).find((answer) => wrong.includes(answer));
  return `You can rule out “${picked ?? wrong[0]}”.`;
}

/** The first letter, and the length when every accepted answer has it; only for answers too long to guess from that. */
function blankShape(exercise: HintExercise): string | null {
  const accepted = keyTexts(exercise.correct).map(normalizeFreeText).filter(Boolean);
  const [first] = accepted;
  if (!first || first.includes(' ') || [...first].length < 5) return null;
  const initial = [...first][0];
  if (!accepted.every((answer) => [...answer][0] === initial)) return null;
  const length = [...first].length;
  const unit = /^\p{L}+$/u.test(first) ? 'letters' : 'characters';
  const sameLength = accepted.every((answer) => [...answer].length === length);
  return `The missing word starts with “${initial.toUpperCase()}”${sameLength ? ` and has ${length} ${unit}` : ''}.`;
}

/**
 * One step towards the answer that is not the answer (level 3), or null when the exercise leaves
 * none: a wrong option to rule out (3 options or more), the shape of a long fill-in answer, the
 * first step of an order of 3 items or more, or what to compare for a true/false statement.
 */
export function safeStep(context: HintContext, exercise: HintExercise, passage: string): string | null {
  switch (exercise.kind) {
    case 'single_choice':
    case 'multiple_choice':
      return ruleOutOption(exercise, context.userAnswer);
    case 'fill_blank':
      return blankShape(exercise);
    case 'ordering': {
      const [first] = keyTexts(exercise.correct);
      return exercise.correct.length >= 3 && first ? `The first step is “${first}”.` : null;
    }
    case 'true_false': {
      const terms = keyTerms(exercise, context.lesson.content, passage);
      const about = terms.length ? ` about ${listed(terms)}` : '';
      return `Find what the lesson says${about} and compare it with the statement word by word: one word such as “always”, “only” or “never” can change its meaning.`;
    }
  }
}
