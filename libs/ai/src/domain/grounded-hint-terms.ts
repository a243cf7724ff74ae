import type { HintExercise, LearnerAnswer } from './hint-context.js';
import { searchTerms, splitPassages } from './passage-retrieval.js';

const KEY_TERMS = 3;

/** The texts of a learner's answer (none for a true/false answer). */
export const learnerTexts = (answer: LearnerAnswer | undefined): string[] =>
  typeof answer === 'string' ? [answer] : Array.isArray(answer) ? answer : [];

/** The texts of an answer key (a true/false key holds a boolean). */
export const keyTexts = (values: readonly (string | boolean)[]): string[] =>
  values.filter((value): value is string => typeof value === 'string');

/** Words in quotes, as a list in a sentence: “a”, “b” and “c”. */
export function listed(words: readonly string[]): string {
  const quoted = words.map((word) => `“${word}”`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

// Words of how exercises are asked, not of what they are about.
const INSTRUCTION_TERMS = new Set(
  searchTerms(
    'put order correct right select choose apply following statement true false best describe step option answer ' +
      'exercise blank fill missing word sentence example called named known term likely reason one',
  ),
);

/**
 * Up to three words of the prompt to think about, no word of the answer: first those the most
 * relevant passage uses, then those the lesson uses in the fewest passages (the most specific),
 * longer words before shorter.
 */
export function keyTerms(exercise: HintExercise, content: string, passage: string): string[] {
  const excluded = new Set([...INSTRUCTION_TERMS, ...keyTexts(exercise.correct).flatMap(searchTerms)]);
  const passageTerms = new Set(searchTerms(passage));
  const lessonPassages = splitPassages(content).map((text) => new Set(searchTerms(text)));
  const seen = new Set<string>();
  const candidates = (exercise.prompt.match(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu) ?? []).flatMap((word, index) => {
    const [term] = searchTerms(word);
    if (!term || excluded.has(term) || seen.has(term)) return [];
    seen.add(term);
    const passages = lessonPassages.filter((terms) => terms.has(term)).length;
    const weight = passageTerms.has(term) ? 2 : passages ? 1 : 0;
    return [{ word, index, weight, passages }];
  });
  return candidates
    .sort(
      (a, b) => b.weight - a.weight || a.passages - b.passages || b.word.length - a.word.length || a.index - b.index,
    )
    .slice(0, KEY_TERMS)
    .map(({ word }) => word);
}
