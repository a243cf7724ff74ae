import { normalizeFreeText } from '@techtrek/platform/kernel';
import type { HintContext, LearnerAnswer } from './hint-context.js';

/**
 * What makes two hint requests the same hint: the lesson version (a publish makes new hints),
 * the exercise, the level, and the learner's text as graders compare it (case, punctuation and
 * spacing do not count; the order of a multiple-choice answer does not either).
 */
export function hintCacheIdentity(context: HintContext): string {
  const { lesson, exercise, level, question, userAnswer } = context;
  return JSON.stringify([
    lesson.id,
    lesson.version,
    exercise?.id ?? null,
    level,
    question === undefined ? null : normalizeFreeText(question),
    userAnswer === undefined ? null : normalizedAnswer(userAnswer, exercise?.kind),
  ]);
}

function normalizedAnswer(answer: LearnerAnswer, kind: string | undefined): LearnerAnswer {
  if (typeof answer === 'boolean') return answer;
  if (typeof answer === 'string') return normalizeFreeText(answer);
  const items = answer.map(normalizeFreeText);
  return kind === 'ordering' ? items : items.sort();
}
