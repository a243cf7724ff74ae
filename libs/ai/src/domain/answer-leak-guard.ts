import { normalizeFreeText } from '@techtrek/platform/kernel';
import type { HintExercise } from './hint-context.js';
import { searchTerms } from './passage-retrieval.js';

/*
 * Every comparison is between normalised words (`normalizeFreeText`: NFKC, lower case, punctuation
 * out), whole words only, so "HTTP" never matches inside "HTTPS". A text is read twice: split on
 * spaces and punctuation ("HTTP/HTTPS" holds the word "http") and split on spaces only, with
 * punctuation dropped inside a word ("e-mail" reads as "email"), so that either spelling of an
 * answer is caught.
 */
interface Token {
  norm: string;
  start: number;
  end: number;
}

interface Span {
  start: number;
  end: number;
}

/** Why a text gives the answer away, and the characters that do it (what `redactAnswer` blanks). */
interface Leak {
  reason: string;
  spans: Span[];
}

interface Reading {
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

const read = (text: string): Reading => ({ words: tokens(text, /[^\s\p{P}]+/gu), chunks: tokens(text, /\S+/gu) });

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
function mentions(text: Reading, phrase: string, prompt: Reading, longer: readonly string[] = []): Span[] {
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

const strings = (values: readonly (string | boolean)[]): string[] =>
  values.filter((value) => typeof value === 'string');

/** The text under test, read once, with the prompt it may quote. */
interface View {
  text: string;
  reading: Reading;
  words: Token[];
  prompt: Reading;
}

type Detector = (view: View, exercise: HintExercise) => Leak | null;

const leak = (reason: string, spans: Span[]): Leak | null => (spans.length ? { reason, spans } : null);

const ENDS_CLAUSE = /^(?:[.,;:!?)\]"'”’]|\s*$|[ \t]*\n)/;

function sameSentence({ text, words }: View, first: number, last: number): boolean {
  return first >= 0 && !/[.!?\n]/.test(text.slice(words[first].end, words[last].start));
}

const startsSentence = (view: View, index: number): boolean => index === 0 || !sameSentence(view, index - 1, index);

const endsClause = ({ text, words }: View, index: number): boolean => ENDS_CLAUSE.test(text.slice(words[index].end));

/** Where the run of `skipped` words that ends right before `index` starts, in its sentence. */
function runBefore(view: View, index: number, skipped: (norm: string) => boolean): number {
  let first = index;
  while (first > 0 && sameSentence(view, first - 1, index) && skipped(view.words[first - 1].norm)) first -= 1;
  return first;
}

/** The nearest word before `index` in its sentence that is not one of `skipped` (-1 when none). */
function wordBefore(view: View, index: number, skipped: (norm: string) => boolean): number {
  const first = runBefore(view, index, skipped);
  return first > 0 && sameSentence(view, first - 1, index) ? first - 1 : -1;
}

/** A word test from a space-separated list. */
const is = (words: string): ((norm: string) => boolean) => {
  const set = new Set(words.split(' '));
  return (norm) => set.has(norm);
};

// --- Choice exercises: options are shown as A, B, C… and 1, 2, 3… in their order.

const ORDINALS = 'first second third fourth fifth sixth seventh eighth ninth tenth'.split(' ');
const CARDINALS = 'one two three four five six seven eight nine ten';
const OPTION_WORD = is('option options choice choices letter answer answers');
const PICK_WORD = is('pick choose select tick mark with it');
const OPTION_FILLER = is('is s was be would should must could will the correct right');
const LIST_WORD = is(`and or best definitely probably clearly number no ${CARDINALS}`);
// Skipped between "options" and a letter or number: "the answer is B", "options B and D", "choice number 2".
const BETWEEN_OPTION_AND_NAME = (norm: string): boolean =>
  OPTION_FILLER(norm) || LIST_WORD(norm) || /^(?:[a-z]|\d+)$/.test(norm);

const ordinalOf = (n: number): string => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

function correctIndexes(exercise: HintExercise): number[] {
  const options = exercise.options ?? [];
  return strings(exercise.correct)
    .map((option) => options.indexOf(option))
    .filter((index) => index >= 0);
}

/**
 * Any mention of a correct option's text, even in a list of all the options: a hint has no need to
 * name options, and naming some narrows the choice. Not a mention: inside a wrong option's text or
 * a quote of the prompt (see `mentions`).
 */
const optionText: Detector = ({ reading, prompt }, exercise) => {
  const correct = strings(exercise.correct);
  const wrong = (exercise.options ?? []).filter((option) => !correct.includes(option));
  return leak(
    'names the correct option',
    correct.flatMap((option) => mentions(reading, option, prompt, wrong)),
  );
};

/*
 * "a" is also the article, so option A is flagged only when no article reading fits: "(a)", "a)"
 * opening a line, "answer is a." (nothing after it), or a capital "A" mid-sentence after
 * "option"/"answer" ("the answer is A because…"; not "Answer: A good start is…").
 */
function namesLetter(view: View, index: number): boolean {
  const { text, words } = view;
  const { start, end } = words[index];
  if ('(['.includes(text[start - 1] ?? '_') && ')]'.includes(text[end] ?? '_')) return true;
  if (startsSentence(view, index) && text[end] === ')') return true;
  const before = wordBefore(view, index, BETWEEN_OPTION_AND_NAME);
  const anchor = before >= 0 ? words[before].norm : '';
  if (PICK_WORD(anchor)) return endsClause(view, index);
  if (OPTION_WORD(anchor)) {
    if (words[index].norm !== 'a' || endsClause(view, index)) return true;
    return (
      text.slice(start, end) === 'A' &&
      !startsSentence(view, index) &&
      !text.slice(words[index - 1].end, start).includes(':')
    );
  }
  return calledCorrect(view, index);
}

/** "B is correct", "B's the answer". */
function calledCorrect({ words }: View, index: number): boolean {
  const [copula, next, last] = [1, 2, 3].map((offset) => words[index + offset]?.norm);
  if (copula !== 'is' && copula !== 's' && copula !== 'was') return false;
  return (
    ['correct', 'right', 'true'].includes(next) ||
    (next === 'the' && ['answer', 'correct', 'right', 'best', 'one'].includes(last))
  );
}

const optionLetter: Detector = (view, exercise) => {
  const letters = new Set(
    correctIndexes(exercise)
      .filter((index) => index < 26)
      .map((index) => String.fromCharCode(97 + index)),
  );
  const spans = view.words.filter((word, index) => letters.has(word.norm) && namesLetter(view, index));
  return leak('names the correct option by its letter', spans);
};

function namesPosition(view: View, index: number, position: number, last: boolean): boolean {
  const norm = view.words[index].norm;
  const [next, previous] = [view.words[index + 1]?.norm, view.words[index - 1]?.norm];
  if (
    norm === ORDINALS[position] ||
    norm === ordinalOf(position + 1) ||
    (last && (norm === 'last' || norm === 'final'))
  ) {
    return OPTION_WORD(next ?? '') || (next === 'one' && previous === 'the');
  }
  if (norm !== String(position + 1) && norm !== CARDINALS.split(' ')[position]) return false;
  const before = wordBefore(view, index, BETWEEN_OPTION_AND_NAME);
  if (before < 0 || !OPTION_WORD(view.words[before].norm) || view.words[before].norm === 'letter') return false;
  return norm !== 'one' || before === index - 1 || endsClause(view, index);
}

const optionPosition: Detector = (view, exercise) => {
  const count = exercise.options?.length ?? 0;
  const spans = correctIndexes(exercise).flatMap((position) =>
    view.words.filter((_, index) => namesPosition(view, index, position, position === count - 1)),
  );
  return leak('names the correct option by its position', spans);
};

// --- True/false: a hint gives no verdict at all, right or wrong (a wrong one misleads as much).

const VERDICT = is('true false untrue correct incorrect right wrong accurate inaccurate');
const OPENING_VERDICT = is('true false untrue correct incorrect wrong');
const SUBJECT = is('statement claim sentence assertion answer it this that');
const STATEMENT = is('statement claim sentence assertion');
const COPULA = is('is s was isn wasn be would will must should seems sounds');
const MODIFIER = is(
  'not t never definitely actually indeed really clearly simply certainly absolutely completely totally entirely ' +
    'in fact quite just obviously partly partially only half so also therefore thus',
);
const DETERMINER = is('the this that given above');
// "Check whether the statement is true" asks; it does not answer.
const OPENS_QUESTION = is('whether if unless check decide verify ask wonder consider judge');
const BARE_WORD = is('yes no not it s is that this the statement answer oh well');
const INTENSIFIER = is('definitely absolutely totally completely actually indeed quite so very');

/**
 * "The statement is (not) true", "that's wrong", "it is definitely false", "the claim that … is
 * correct", "answer: false": a subject (it/this/that/the statement/the answer, or a sentence about
 * "the statement/claim"), a verb (is/was/would be/isn't…) and a verdict word. Not a verdict: the
 * same words as an open question ("check whether the statement is true", "true or false").
 * Returns where the verdict is (from after the subject to the verdict word).
 */
function predicateVerdict(view: View, index: number): Span | null {
  const { words } = view;
  if (words[index + 1]?.norm === 'or') return null;
  if (['answer', 'verdict'].includes(words[index - 1]?.norm ?? '') && sameSentence(view, index - 1, index)) {
    return words[index];
  }
  const verb = runBefore(view, index, (norm) => COPULA(norm) || MODIFIER(norm));
  if (!words.slice(verb, index).some(({ norm }) => COPULA(norm))) return null;
  const before = verb > 0 && sameSentence(view, verb - 1, index) ? verb - 1 : -1;
  let subject = before >= 0 && SUBJECT(words[before].norm) ? before : -1;
  for (let word = before; subject < 0 && word >= 0 && sameSentence(view, word, index); word -= 1) {
    if (STATEMENT(words[word].norm)) subject = word;
  }
  if (subject < 0) return null;
  const asking = wordBefore(view, subject, DETERMINER);
  if (asking >= 0 && OPENS_QUESTION(words[asking].norm)) return null;
  return { start: words[verb].start, end: words[index].end };
}

/** The sentences of the text, as index ranges into its words. */
function sentences(view: View): [number, number][] {
  const ranges: [number, number][] = [];
  view.words.forEach((_, index) => {
    if (startsSentence(view, index)) ranges.push([index, index]);
    ranges[ranges.length - 1][1] = index;
  });
  return ranges;
}

/** A sentence (not a question) that is only a verdict: "True.", "Definitely false!", "Yes, that's correct.", "No." */
function bareVerdicts(view: View): Span[] {
  return sentences(view)
    .map(([first, last]) => view.words.slice(first, last + 1))
    .filter(
      (sentence) => sentence.length <= 6 && !/^[\s)"'”’]*\?/.test(view.text.slice(sentence[sentence.length - 1].end)),
    )
    .filter((sentence) => sentence.every(({ norm }) => VERDICT(norm) || BARE_WORD(norm) || INTENSIFIER(norm)))
    .filter((sentence) => sentence.some(({ norm }) => VERDICT(norm) || norm === 'yes' || norm === 'no'))
    .map((sentence) => ({ start: sentence[0].start, end: sentence[sentence.length - 1].end }));
}

/** A verdict opening a sentence: "False: the password stays…", "Correct, because…". */
const opensWithVerdict = (view: View, index: number): boolean =>
  startsSentence(view, index) &&
  OPENING_VERDICT(view.words[index].norm) &&
  /^\s*[:,;—–-]/.test(view.text.slice(view.words[index].end));

const verdict: Detector = (view) => {
  const spans = view.words.flatMap((word, index) => {
    if (!VERDICT(word.norm)) return [];
    if (opensWithVerdict(view, index)) return [word];
    return [predicateVerdict(view, index) ?? []].flat();
  });
  return leak('gives a verdict on the statement', [...spans, ...bareVerdicts(view)]);
};

// --- Ordering and fill-in-the-blank.

/**
 * The words that point at one item and no other, leaving out words the prompt uses: "DNS" and
 * "lookup" for "DNS lookup finds the IP address" when another item also says "address".
 */
function signatureTerms(items: string[], prompt: string): Set<string>[] {
  const promptTerms = new Set(searchTerms(prompt));
  const termsOf = items.map((item) => new Set(searchTerms(item).filter((term) => !promptTerms.has(term))));
  return termsOf.map(
    (terms, index) =>
      new Set([...terms].filter((term) => termsOf.every((other, at) => at === index || !other.has(term)))),
  );
}

/**
 * The order is given away when every item is mentioned and their first mentions come in the
 * correct order; mentioning some items, or all in another order, is allowed. An item is mentioned
 * by its text or by a word only it has (see `signatureTerms`): items are often whole sentences
 * that a hint paraphrases. (A sentence such as "B comes after A" is not read for its meaning.)
 */
const fullOrder: Detector = ({ reading, words, prompt }, exercise) => {
  const items = strings(exercise.correct);
  if (items.length < 2) return null;
  const signatures = signatureTerms(items, exercise.prompt);
  const terms = words.map((word) => searchTerms(word.norm)[0]);
  const found = items.map((item, index) => [
    ...mentions(reading, item, prompt, items),
    ...words.filter((_, at) => signatures[index].has(terms[at])),
  ]);
  if (found.some((spans) => !spans.length)) return null;
  const firsts = found.map((spans) => Math.min(...spans.map((span) => span.start)));
  return firsts.every((first, index) => index === 0 || first > firsts[index - 1])
    ? leak('gives the full order', found.flat())
    : null;
};

const acceptedAnswer: Detector = ({ reading, prompt }, exercise) =>
  leak(
    'names an accepted answer',
    strings(exercise.correct).flatMap((answer) => mentions(reading, answer, prompt)),
  );

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
 * licence for them. Rules by kind are documented on each detector above.
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
