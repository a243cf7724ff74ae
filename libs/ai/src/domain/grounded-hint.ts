import { normalizeFreeText } from '@techtrek/platform/kernel';
import { findAnswerLeak, REDACTED, redactAnswer } from './answer-leak-guard.js';
import type { HintContext, HintExercise, HintExerciseKind, LearnerAnswer } from './hint-context.js';
import { capHintLength } from './hint-length.js';
import { excerptFor, rankPassages, searchTerms, splitPassages } from './passage-retrieval.js';

/*
 * The offline hint: built only from the lesson and the exercise, so it needs no key and no network.
 * The learner's question and answer are data: they steer which passage is picked, and are never
 * repeated (they may hold personal data or text meant as instructions), so nothing they write can
 * change what this function does. Every hint ends with `redactAnswer`, a net under the wording.
 */

// Quotes short enough that a hint stays within a few sentences (and under HINT_MAX_CHARS' default, 600).
const QUOTE_CHARS = 280;
const SHORT_QUOTE_CHARS = 240;
const KEY_TERMS = 3;
const MAX_BLANKS = 2;

const quote = (text: string, maxChars = QUOTE_CHARS): string => `“${capHintLength(text, maxChars)}”`;

const texts = (answer: LearnerAnswer | undefined): string[] =>
  typeof answer === 'string' ? [answer] : Array.isArray(answer) ? answer : [];

const strings = (values: readonly (string | boolean)[]): string[] =>
  values.filter((value): value is string => typeof value === 'string');

/** The query a passage is retrieved for: the prompt, and what the learner asked or answered. */
const exerciseQuery = ({ exercise, question, userAnswer }: HintContext): string =>
  [exercise?.prompt ?? '', question ?? '', ...texts(userAnswer)].join(' ');

function listed(words: readonly string[]): string {
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
function keyTerms(exercise: HintExercise, content: string, passage: string): string[] {
  const excluded = new Set([...INSTRUCTION_TERMS, ...strings(exercise.correct).flatMap(searchTerms)]);
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

/** A wrong option to rule out, the learner's own first, when at least two wrong ones are left to choose from. */
function ruleOutOption(exercise: HintExercise, userAnswer: LearnerAnswer | undefined): string | null {
  const options = exercise.options ?? [];
  const correct = strings(exercise.correct);
  const wrong = options.filter((option) => !correct.includes(option));
  if (options.length < 3 || wrong.length < 2) return null;
  const picked = texts(userAnswer).find((answer) => wrong.includes(answer));
  return `You can rule out “${picked ?? wrong[0]}”.`;
}

/** The first letter, and the length when every accepted answer has it; only for answers too long to guess from that. */
function blankShape(exercise: HintExercise): string | null {
  const accepted = strings(exercise.correct).map(normalizeFreeText).filter(Boolean);
  const [first] = accepted;
  if (!first || first.includes(' ') || [...first].length < 5) return null;
  const initial = [...first][0];
  if (!accepted.every((answer) => [...answer][0] === initial)) return null;
  const length = [...first].length;
  const unit = /^\p{L}+$/u.test(first) ? 'letters' : 'characters';
  const sameLength = accepted.every((answer) => [...answer].length === length);
  return `The missing word starts with “${initial.toUpperCase()}”${sameLength ? ` and has ${length} ${unit}` : ''}.`;
}

function safeStep(context: HintContext, exercise: HintExercise, passage: string): string | null {
  switch (exercise.kind) {
    case 'single_choice':
    case 'multiple_choice':
      return ruleOutOption(exercise, context.userAnswer);
    case 'fill_blank':
      return blankShape(exercise);
    case 'ordering': {
      const [first] = strings(exercise.correct);
      return exercise.correct.length >= 3 && first ? `The first step is “${first}”.` : null;
    }
    case 'true_false': {
      const terms = keyTerms(exercise, context.lesson.content, passage);
      const about = terms.length ? ` about ${listed(terms)}` : '';
      return `Find what the lesson says${about} and compare it with the statement word by word: one word such as “always”, “only” or “never” can change its meaning.`;
    }
  }
}

function walkUp(context: HintContext, exercise: HintExercise, passage: string): string[] {
  const explanation = redactAnswer(exercise.explanation, exercise);
  // Reasoning with its key words blanked out is no help: the lesson's passage serves better then.
  const blanks = explanation.split(REDACTED).length - 1;
  const usable = blanks <= MAX_BLANKS && searchTerms(explanation.replaceAll(REDACTED, ' ')).length >= 3;
  const reasoning = usable
    ? `Here is the reasoning to follow: ${quote(explanation)}`
    : concept(context, exercise, passage)[0];
  return [reasoning, safeStep(context, exercise, passage) ?? FOLLOW_UPS[exercise.kind]];
}

function exerciseHint(context: HintContext, exercise: HintExercise): string {
  const [passage = context.lesson.title] = rankPassages(context.lesson.content, exerciseQuery(context), 1);
  const sentences =
    context.level === 1
      ? nudge(context, exercise, passage)
      : context.level === 2
        ? concept(context, exercise, passage)
        : walkUp(context, exercise, passage);
  if (context.userAnswer !== undefined && context.level < 3) sentences.push(COMPARE_ANSWER);
  // A sentence that leaks (a lesson title naming the answer) is dropped rather than blanked, and so
  // is the last one while the sentences leak together, read in either order: "The first step is
  // “Request”" after reasoning that orders the other steps gives the whole order away.
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
 * the lesson passage about it, 3 gives the author's reasoning and one safe step towards the
 * answer, never the answer (see `findAnswerLeak`). Without an exercise, the lesson's passages
 * that answer the learner's question.
 */
export function writeGroundedHint(context: HintContext): string {
  return context.exercise ? exerciseHint(context, context.exercise) : lessonAnswer(context);
}
