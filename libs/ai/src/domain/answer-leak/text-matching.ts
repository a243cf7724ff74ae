import { normalizeFreeText } from '@techtrek/platform/kernel';

/*
 * Every comparison is between normalised words (`normalizeFreeText`: NFKC, lower case, punctuation
 * out), whole words only, so "HTTP" never matches inside "HTTPS". A text is read twice: split on
 * spaces and punctuation ("HTTP/HTTPS" holds the word "http") and split on spaces only, with
 * punctuation dropped inside a word ("e-mail" reads as "email"), so that either spelling of an
 * answer is caught.
 */

/** One normalised word and the characters of the text it comes from. */
export interface Token {
  norm: string;
  start: number;
  end: number;
}

/** A range of characters of a text. */
export interface Span {
  start: number;
  end: number;
}

/** A text's words in both readings: split on spaces and punctuation (`words`), on spaces only (`chunks`). */
export interface Reading {
  words: Token[];
  chunks: Token[];
}

/** The words of each piece of the text; a piece's span leaves out punctuation at its ends ("(b)" → "b"). */
function tokens(text: string, piece: RegExp): Token[] {
  return [...text.matchAll(piece)].flatMap((match) => {
    const raw = match[0];
    const lead = /^\p{P}*/u.exec(raw)?.[0].length ?? 0;
    const trail = /\p{P}*$/u.exec(raw)?.[0].length ?? 0;
    const [start, end] = lead + trail < raw.length ? [lead, raw.length - trail] : [0, raw.length];
    return normalizeFreeText(raw)
      .split(' ')
      .filter(Boolean)
      .map((norm) => ({ norm, start: match.index + start, end: match.index + end }));
  });
}

export const read = (text: string): Reading => ({
  words: tokens(text, /[^\s\p{P}]+/gu),
  chunks: tokens(text, /\S+/gu),
});

/** A phrase as the word sequences it may appear as (both readings). */
function phraseForms(phrase: string): string[][] {
  const { words, chunks } = read(phrase);
  const forms = [words, chunks].map((list) => list.map((token) => token.norm)).filter((form) => form.length);
  return forms.filter((form, index) => forms.findIndex((other) => other.join(' ') === form.join(' ')) === index);
}

interface Occurrence {
  from: number;
  to: number;
}

function occurrences(list: Token[], forms: string[][]): Occurrence[] {
  return forms.flatMap((form) =>
    list.flatMap((_, from) =>
      form.every((norm, offset) => list[from + offset]?.norm === norm) ? [{ from, to: from + form.length }] : [],
    ),
  );
}

const containsRun = (haystack: string[], needle: string[]): boolean =>
  haystack.some((_, start) => needle.every((norm, offset) => haystack[start + offset] === norm));

/**
 * The exercise prompt cannot leak what it already says: a mention inside a quote of the prompt
 * (the mention and at least two words around it, as the prompt has them) is not a leak. The same
 * answer anywhere else in the text still is.
 */
function quotesPrompt(list: Token[], { from, to }: Occurrence, prompt: string[]): boolean {
  const norms = list.map((token) => token.norm);
  return [
    [from - 2, to],
    [from - 1, to + 1],
    [from, to + 2],
  ].some(([start, end]) => start >= 0 && end <= norms.length && containsRun(prompt, norms.slice(start, end)));
}

const covers = (outer: Occurrence, inner: Occurrence): boolean =>
  outer.from <= inner.from && outer.to >= inner.to && outer.to - outer.from > inner.to - inner.from;

/**
 * Where the text mentions the phrase, except inside a quote of the prompt or inside a longer
 * phrase that covers it (a wrong option "Composite primary key" names no "Primary key").
 */
export function mentions(text: Reading, phrase: string, prompt: Reading, longer: readonly string[] = []): Span[] {
  return (['words', 'chunks'] as const).flatMap((reading) => {
    const list = text[reading];
    const promptNorms = prompt[reading].map((token) => token.norm);
    const covering = longer.flatMap((cover) => occurrences(list, phraseForms(cover)));
    return occurrences(list, phraseForms(phrase))
      .filter((found) => !quotesPrompt(list, found, promptNorms))
      .filter((found) => !covering.some((cover) => covers(cover, found)))
      .map(({ from, to }) => ({ start: list[from].start, end: list[to - 1].end }));
  });
}
