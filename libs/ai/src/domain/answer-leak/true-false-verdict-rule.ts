import {
  type Detector,
  is,
  leak,
  runBefore,
  sameSentence,
  sentences,
  startsSentence,
  type View,
  wordBefore,
} from './leak-view.js';
import type { Span } from './text-matching.js';

// True/false: a hint gives no verdict at all, right or wrong (a wrong one misleads as much).

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

/**
 * Any verdict on the statement, right or wrong: a predicate ("the statement is false"), an opening
 * word ("False: …") or a sentence that is nothing else ("True."). Lexical: an explanation that
 * settles the statement in other words ("Your password stays with Google") is not seen.
 */
export const verdict: Detector = (view) => {
  const spans = view.words.flatMap((word, index) => {
    if (!VERDICT(word.norm)) return [];
    if (opensWithVerdict(view, index)) return [word];
    return [predicateVerdict(view, index) ?? []].flat();
  });
  return leak('gives a verdict on the statement', [...spans, ...bareVerdicts(view)]);
};
