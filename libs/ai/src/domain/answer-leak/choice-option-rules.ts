import type { HintExercise } from '../hint-context.js';
import { type Detector, endsClause, is, leak, startsSentence, strings, type View, wordBefore } from './leak-view.js';
import { mentions } from './text-matching.js';

// Choice exercises: options are shown as A, B, C… and 1, 2, 3… in their order.

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
export const optionText: Detector = ({ reading, prompt }, exercise) => {
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

/** A correct option's letter, in a form that cannot be read otherwise (see `namesLetter`). */
export const optionLetter: Detector = (view, exercise) => {
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

/** A correct option's position: "the second option", "option 2", "choice two", "the last option". */
export const optionPosition: Detector = (view, exercise) => {
  const count = exercise.options?.length ?? 0;
  const spans = correctIndexes(exercise).flatMap((position) =>
    view.words.filter((_, index) => namesPosition(view, index, position, position === count - 1)),
  );
  return leak('names the correct option by its position', spans);
};
