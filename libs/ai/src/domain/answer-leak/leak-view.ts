import type { HintExercise } from '../hint-context.js';
import type { Reading, Span, Token } from './text-matching.js';

/** The text under test, read once, with the prompt it may quote. */
export interface View {
  text: string;
  reading: Reading;
  words: Token[];
  prompt: Reading;
}

/** Why a text gives the answer away, and the characters that do it (what `redactAnswer` blanks). */
export interface Leak {
  reason: string;
  spans: Span[];
}

/** One rule of the guard: the leak it finds in the text, or null. */
export type Detector = (view: View, exercise: HintExercise) => Leak | null;

export const leak = (reason: string, spans: Span[]): Leak | null => (spans.length ? { reason, spans } : null);

/** The text answers of an answer key (true/false keys hold booleans). */
export const strings = (values: readonly (string | boolean)[]): string[] =>
  values.filter((value) => typeof value === 'string');

/** A word test from a space-separated list. */
export const is = (words: string): ((norm: string) => boolean) => {
  const set = new Set(words.split(' '));
  return (norm) => set.has(norm);
};

const ENDS_CLAUSE = /^(?:[.,;:!?)\]"'”’]|\s*$|[ \t]*\n)/;

export function sameSentence({ text, words }: View, first: number, last: number): boolean {
  return first >= 0 && !/[.!?\n]/.test(text.slice(words[first].end, words[last].start));
}

export const startsSentence = (view: View, index: number): boolean =>
  index === 0 || !sameSentence(view, index - 1, index);

export const endsClause = ({ text, words }: View, index: number): boolean =>
  ENDS_CLAUSE.test(text.slice(words[index].end));

/** Where the run of `skipped` words that ends right before `index` starts, in its sentence. */
export function runBefore(view: View, index: number, skipped: (norm: string) => boolean): number {
  let first = index;
  while (first > 0 && sameSentence(view, first - 1, index) && skipped(view.words[first - 1].norm)) first -= 1;
  return first;
}

/** The nearest word before `index` in its sentence that is not one of `skipped` (-1 when none). */
export function wordBefore(view: View, index: number, skipped: (norm: string) => boolean): number {
  const first = runBefore(view, index, skipped);
  return first > 0 && sameSentence(view, first - 1, index) ? first - 1 : -1;
}

/** The sentences of the text, as index ranges into its words. */
export function sentences(view: View): [number, number][] {
  const ranges: [number, number][] = [];
  view.words.forEach((_, index) => {
    if (startsSentence(view, index)) ranges.push([index, index]);
    ranges[ranges.length - 1][1] = index;
  });
  return ranges;
}
