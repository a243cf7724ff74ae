import { findAnswerLeak, REDACTED, redactAnswer } from './answer-leak-guard.js';
import { safeStep } from './grounded-hint-steps.js';
import { keyTerms, learnerTexts, listed } from './grounded-hint-terms.js';
import type { HintContext, HintExercise, HintExerciseKind } from './hint-context.js';
import { capHintLength } from './hint-length.js';
import { excerptFor, rankPassages, searchTerms } from './passage-retrieval.js';

/*
 * The offline hint: built only from the lesson and the exercise, so it needs no key and no network.
 * The learner's question and answer are data: they steer which passage is picked, and are never
 * repeated (they may hold personal data or text meant as instructions), so nothing they write can
 * change what this function does. Every hint ends with `redactAnswer`, a net under the wording.
 */

// Quotes short enough that a hint stays within a few sentences (and under HINT_MAX_CHARS' default, 600).
const QUOTE_CHARS = 280;
const SHORT_QUOTE_CHARS = 240;
// Level 3's quote of the lesson: longer than level 2's, with room left for the safe step.
const LONG_QUOTE_CHARS = 340;
const MAX_BLANKS = 2;

const quote = (text: string, maxChars = QUOTE_CHARS): string => `“${capHintLength(text, maxChars)}”`;

/** The query a passage is retrieved for: the prompt, and what the learner asked or answered. */
const exerciseQuery = ({ exercise, question, userAnswer }: HintContext): string =>
  [exercise?.prompt ?? '', question ?? '', ...learnerTexts(userAnswer)].join(' ');

const NUDGES: Record<HintExerciseKind, string> = {
  single_choice: 'Read each option and ask which one fits that idea best.',
  multiple_choice: 'More than one option can fit: test each one against that idea on its own.',
  true_false: 'Look for the one detail in the statement that the lesson backs up or contradicts.',
  ordering: 'Picture the process from start to finish: what has to happen before anything else can?',
  fill_blank: 'Which word would complete the sentence the way the lesson uses it?',
};

const FOLLOW_UPS: Record<HintExerciseKind, string> = {
  single_choice: 'Which option matches that idea?',
  multiple_choice: 'Which options match that idea? There may be more than one.',
  true_false: 'Does the statement say the same thing, or something different?',
  ordering: 'What does that tell you about the order of the steps?',
  fill_blank: 'Which word fits that gap, and the blank in the exercise?',
};

const COMPARE_ANSWER = 'Compare your answer with that idea.';

function nudge(context: HintContext, exercise: HintExercise, passage: string): string[] {
  const terms = keyTerms(exercise, context.lesson.content, passage);
  const about = terms.length ? `Think about what the lesson says about ${listed(terms)}.` : '';
  return [about || `Think back to the lesson “${context.lesson.title}”.`, NUDGES[exercise.kind]];
}

function concept(context: HintContext, exercise: HintExercise, passage: string): string[] {
  const excerpt = excerptFor(passage, exerciseQuery(context), QUOTE_CHARS);
  return [`The lesson explains: ${quote(redactAnswer(excerpt, exercise))}`, FOLLOW_UPS[exercise.kind]];
}

/*
 * The guard reads words, not meaning: an author's explanation can settle a statement or an order
 * in other words ("Your password stays with Google" for "the website sees your password"), and
 * nothing would blank it. For those kinds level 3 quotes the lesson, as level 2 does, only more.
 */
const QUOTES_LESSON_AT_LEVEL_3: ReadonlySet<HintExerciseKind> = new Set(['true_false', 'ordering']);

// One word in common with the exercise is more likely chance than the same idea: a second passage must share two.
const SHARED_TERMS_FOR_MORE = 2;

const sharesIdea = (passage: string, query: string): boolean => {
  const wanted = new Set(searchTerms(query));
  return new Set(searchTerms(passage).filter((term) => wanted.has(term))).size >= SHARED_TERMS_FOR_MORE;
};

/**
 * More of the lesson than level 2 quotes: a longer cut of the most relevant passage and, when that
 * leaves room (a short passage, which level 2 already showed whole), the next most relevant one if
 * it is about the exercise too.
 */
function widerExcerpt(passages: readonly string[], query: string): string {
  const [best, next] = passages;
  const excerpt = excerptFor(best, query, LONG_QUOTE_CHARS);
  if (!next || !sharesIdea(next, query)) return excerpt;
  const room = LONG_QUOTE_CHARS - excerpt.length - 1;
  const more = excerptFor(next, query, room);
  return more.length <= room ? `${excerpt} ${more}` : excerpt;
}

function closerLook(context: HintContext, exercise: HintExercise, passages: readonly string[]): string {
  const excerpt = redactAnswer(widerExcerpt(passages, exerciseQuery(context)), exercise);
  return `Read this part of the lesson closely: ${quote(excerpt, LONG_QUOTE_CHARS)}`;
}

function reasoning(context: HintContext, exercise: HintExercise, passage: string): string {
  const explanation = redactAnswer(exercise.explanation, exercise);
  // Reasoning with its key words blanked out is no help: the lesson's passage serves better then.
  const blanks = explanation.split(REDACTED).length - 1;
  const usable = blanks <= MAX_BLANKS && searchTerms(explanation.replaceAll(REDACTED, ' ')).length >= 3;
  return usable ? `Here is the reasoning to follow: ${quote(explanation)}` : concept(context, exercise, passage)[0];
}

function walkUp(context: HintContext, exercise: HintExercise, passages: readonly string[]): string[] {
  const [passage] = passages;
  const closer = QUOTES_LESSON_AT_LEVEL_3.has(exercise.kind)
    ? closerLook(context, exercise, passages)
    : reasoning(context, exercise, passage);
  return [closer, safeStep(context, exercise, passage) ?? FOLLOW_UPS[exercise.kind]];
}

function exerciseHint(context: HintContext, exercise: HintExercise): string {
  const ranked = rankPassages(context.lesson.content, exerciseQuery(context), 2);
  const passages = ranked.length ? ranked : [context.lesson.title];
  const [passage] = passages;
  const sentences =
    context.level === 1
      ? nudge(context, exercise, passage)
      : context.level === 2
        ? concept(context, exercise, passage)
        : walkUp(context, exercise, passages);
  if (context.userAnswer !== undefined && context.level < 3) sentences.push(COMPARE_ANSWER);
  // A sentence that leaks (a lesson title naming the answer) is dropped rather than blanked, and so
  // is the last one while the sentences leak together, read in either order: "The first step is
  // “Request”" after a quote that orders the other steps gives the whole order away.
  const kept = sentences.filter((sentence) => !findAnswerLeak(sentence, exercise));
  const leaksTogether = (): boolean =>
    [kept, [...kept].reverse()].some((order) => findAnswerLeak(order.join(' '), exercise) !== null);
  while (kept.length > 1 && leaksTogether()) kept.pop();
  return redactAnswer((kept.length ? kept : [NUDGES[exercise.kind]]).join(' '), exercise);
}

/** A question about the lesson itself: the passages that answer it, or the lesson's start when none does. */
function lessonAnswer({ lesson, question, level }: HintContext): string {
  const passages = rankPassages(lesson.content, question ?? '', level === 1 ? 1 : 2).map((passage) =>
    quote(excerptFor(passage, question ?? '', SHORT_QUOTE_CHARS), SHORT_QUOTE_CHARS),
  );
  if (!passages.length) return `Have another look at the lesson “${lesson.title}”.`;
  const lessonTerms = new Set(searchTerms(lesson.content));
  const asked = searchTerms(question ?? '');
  if (!asked.length) return `Here is the heart of the lesson “${lesson.title}”: ${passages.join(' ')}`;
  return asked.some((term) => lessonTerms.has(term))
    ? `Here is what the lesson “${lesson.title}” says about that: ${passages.join(' ')}`
    : `This lesson doesn't seem to cover that directly. Here is where it starts: ${passages.join(' ')}`;
}

/**
 * The hint for a context, by level: 1 nudges towards the idea (key words of the prompt), 2 quotes
 * the lesson passage about it, 3 gives the author's reasoning (for true/false and ordering, more
 * of the lesson instead) and one safe step towards the answer, never the answer (see
 * `findAnswerLeak`). Without an exercise, the lesson's passages
 * that answer the learner's question.
 */
export function writeGroundedHint(context: HintContext): string {
  return context.exercise ? exerciseHint(context, context.exercise) : lessonAnswer(context);
}
