import { acceptedAnswer } from './answer-leak/accepted-answer-rule.js';
import { optionLetter, optionPosition, optionText } from './answer-leak/choice-option-rules.js';
import { fullOrder } from './answer-leak/full-order-rule.js';
import type { Detector, Leak } from './answer-leak/leak-view.js';
import { read, type Span } from './answer-leak/text-matching.js';
import { verdict } from './answer-leak/true-false-verdict-rule.js';
import type { HintExercise } from './hint-context.js';

// The rules by exercise kind, each documented in its file under ./answer-leak/.
const DETECTORS: Record<HintExercise['kind'], Detector[]> = {
  single_choice: [optionText, optionLetter, optionPosition],
  multiple_choice: [optionText, optionLetter, optionPosition],
  true_false: [verdict],
  ordering: [fullOrder],
  fill_blank: [acceptedAnswer],
};

function detectLeak(text: string, exercise: HintExercise): Leak | null {
  const reading = read(text);
  const view = { text, reading, words: reading.words, prompt: read(exercise.prompt) };
  for (const detector of DETECTORS[exercise.kind]) {
    const found = detector(view, exercise);
    if (found) return found;
  }
  return null;
}

/**
 * Why the hint gives the exercise's answer away (e.g. 'names the correct option'), or null.
 * Lexical, not semantic: it reads words and phrases, so it is a net under the hint writers, not a
 * licence for them. Rules by kind are documented on each detector in ./answer-leak/.
 */
export function findAnswerLeak(hint: string, exercise: HintExercise): string | null {
  return detectLeak(hint, exercise)?.reason ?? null;
}

export const REDACTED = '____';

function blank(text: string, spans: Span[]): string {
  const ordered = [...spans].sort((left, right) => left.start - right.start);
  let result = '';
  let cursor = 0;
  for (const { start, end } of ordered) {
    if (end <= cursor) continue;
    result += start >= cursor ? `${text.slice(cursor, start)}${REDACTED}` : '';
    cursor = end;
  }
  return result + text.slice(cursor);
}

/**
 * The text with every part that gives the answer away blanked out ('____'), so that a lesson
 * passage or the author's explanation can be shown with a hint. Blanking can join words into a
 * new leak ("red ____ blue"), so it repeats until nothing is found; each round removes at least
 * one word, so it ends. `findAnswerLeak` on the result is always null.
 */
export function redactAnswer(text: string, exercise: HintExercise): string {
  let redacted = text;
  for (let found = detectLeak(redacted, exercise); found; found = detectLeak(redacted, exercise)) {
    redacted = blank(redacted, found.spans);
  }
  return redacted;
}
