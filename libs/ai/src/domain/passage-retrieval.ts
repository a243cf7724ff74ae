import { normalizeFreeText } from '@techtrek/platform/kernel';

/** Okapi BM25's usual constants: term frequency saturates around k1, b weighs the length normalisation. */
const K1 = 1.2;
const B = 0.75;

// Words too common in any lesson to say what a passage is about.
const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having he her here hers ' +
    'him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ' +
    'ours out over own same she should so some such than that thats the their theirs them then there these they ' +
    'this those through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours yourself s t dont doesnt isnt arent wasnt cant wont also may might must shall us let lets'
  ).split(' '),
);

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^\s{0,3}#{1,6}\s+/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const HORIZONTAL_RULE = /^\s*([-*_])(?:\s*\1){2,}\s*$/;
const ENDS_SENTENCE = /[.!?:;]["'”’)]*$/;

/** Inline Markdown to plain text: what a learner reads, not how it was typed. */
function stripInline(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\w*\\])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g, '$1')
    .replace(/(?<![\w\\])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1')
    .replace(/`+([^`]+?)`+/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
    .replace(/\|/g, ' ');
}

/**
 * One Markdown line as plain text. Headings and list items often lack a full stop; one is added so
 * that a passage reads as sentences once its lines are joined.
 */
function plainLine(line: string): string {
  if (TABLE_RULE.test(line) || HORIZONTAL_RULE.test(line)) return '';
  const heading = HEADING.test(line);
  const listItem = LIST_ITEM.test(line);
  const text = stripInline(
    line
      .replace(HEADING, '')
      .replace(/\s#+\s*$/, '')
      .replace(/^\s*>\s?/, '')
      .replace(LIST_ITEM, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
  if (!text || ENDS_SENTENCE.test(text)) return text;
  if (heading) return `${text}:`;
  return listItem ? `${text}.` : text;
}

interface MarkdownLine {
  text: string;
  /** Inside a code fence: kept as typed, never read as Markdown. */
  code: boolean;
}

/** Blocks of lines separated by blank lines; a fenced code block is one block even with blank lines inside. */
function markdownBlocks(content: string): MarkdownLine[][] {
  const blocks: MarkdownLine[][] = [[]];
  let code = false;
  for (const text of content.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(text)) {
      code = !code;
      blocks.push([]);
    } else if (!code && !text.trim()) blocks.push([]);
    else blocks[blocks.length - 1].push({ text, code });
  }
  return blocks.filter((block) => block.some((line) => line.text.trim()));
}

const isHeading = (line: MarkdownLine): boolean => !line.code && HEADING.test(line.text);

/**
 * The lesson's paragraphs as plain text, in order. A block made only of headings is joined to the
 * block after it, so that a title never stands as a passage of its own.
 */
export function splitPassages(content: string): string[] {
  const passages: string[] = [];
  let pendingHeading = '';
  for (const block of markdownBlocks(content)) {
    const text = block
      .map((line) => (line.code ? line.text.trim() : plainLine(line.text)))
      .filter(Boolean)
      .join(' ')
      .replace(/\s+/g, ' ');
    if (!text) continue;
    if (block.every((line) => isHeading(line) || !line.text.trim())) {
      pendingHeading = `${pendingHeading} ${text}`.trim();
      continue;
    }
    passages.push(`${pendingHeading} ${text}`.trim());
    pendingHeading = '';
  }
  if (pendingHeading) passages.push(pendingHeading);
  return passages;
}

/** Strips common English endings so that "keys", "keyed" and "keying" meet; light on purpose (no Porter rules). */
function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us)$/.test(word)) return word;
  if (/(?:ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  for (const ending of ['ing', 'ed']) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) return undouble(word.slice(0, -ending.length));
  }
  return word;
}

// "stopped" → "stopp" → "stop"; "called" keeps its double l, as "call" does.
const undouble = (word: string): string => (/([^aeioulsz])\1$/.test(word) ? word.slice(0, -1) : word);

/** The terms retrieval compares: normalised words (see `normalizeFreeText`), stop words out, lightly stemmed. */
export function searchTerms(text: string): string[] {
  return normalizeFreeText(text)
    .split(' ')
    .filter((word) => word && !STOP_WORDS.has(word))
    .map(stem);
}

function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** BM25 score of every passage for the query (0 when it shares no term with it). */
function bm25Scores(passages: readonly string[], query: string): number[] {
  const documents = passages.map((passage) => searchTerms(passage));
  const counts = documents.map(termCounts);
  const averageLength = documents.reduce((sum, terms) => sum + terms.length, 0) / Math.max(documents.length, 1) || 1;
  const queryTerms = [...new Set(searchTerms(query))];
  const idf = new Map(
    queryTerms.map((term) => {
      const containing = counts.filter((count) => count.has(term)).length;
      return [term, Math.log(1 + (passages.length - containing + 0.5) / (containing + 0.5))];
    }),
  );
  return counts.map((count, index) => {
    const lengthFactor = K1 * (1 - B + (B * documents[index].length) / averageLength);
    return queryTerms.reduce((score, term) => {
      const frequency = count.get(term) ?? 0;
      return score + (idf.get(term) ?? 0) * ((frequency * (K1 + 1)) / (frequency + lengthFactor));
    }, 0);
  });
}

/**
 * The lesson's passages that best match the query (BM25), best first, at most `limit`; ties keep
 * the lesson's order. When no passage shares a term with the query, the lesson's first passages:
 * the start of a lesson is its best summary.
 */
export function rankPassages(content: string, query: string, limit: number): string[] {
  const passages = splitPassages(content);
  const scores = bm25Scores(passages, query);
  const matching = passages
    .map((passage, index) => ({ passage, index, score: scores[index] }))
    .filter(({ score }) => score > 0)
    .sort((left, right) => right.score - left.score || left.index - right.index);
  if (!matching.length) return passages.slice(0, limit);
  return matching.slice(0, limit).map(({ passage }) => passage);
}

// Between sentences: after . ! or ? (and any closing quotes or brackets), before a space.
const SENTENCE_BREAK = /(?<=[.!?]["'”’)\]]*)\s+/;

/**
 * The run of whole sentences of a passage, at most `maxChars` long, that shares the most terms
 * with the query (the earliest such run on a tie): a long passage is quoted where it answers the
 * query, not cut at its start. A passage that fits is returned whole; one whose every sentence is
 * too long, as it is (for the caller to cut).
 */
export function excerptFor(passage: string, query: string, maxChars: number): string {
  if (passage.length <= maxChars) return passage;
  const sentences = passage.split(SENTENCE_BREAK);
  const wanted = new Set(searchTerms(query));
  let best = { text: passage, score: -1 };
  sentences.forEach((_, first) => {
    let text = '';
    for (const sentence of sentences.slice(first)) {
      const longer = text ? `${text} ${sentence}` : sentence;
      if (longer.length > maxChars) break;
      text = longer;
    }
    const score = new Set(searchTerms(text).filter((term) => wanted.has(term))).size;
    if (text && score > best.score) best = { text, score };
  });
  return best.text;
}
