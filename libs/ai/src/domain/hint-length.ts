const ELLIPSIS = '…';

// A sentence ends at . ! or ? (with any closing quotes or brackets) before a space.
const SENTENCE_END = /[.!?]["'”’)\]]*(?=\s)/g;

/** Drops a lone high surrogate at the end, so that a cut never splits an emoji or another astral character. */
const wholeCharacters = (text: string): string => (/[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text);

/**
 * The hint trimmed to at most `maxChars` UTF-16 code units (a string's length; never more
 * characters than that). A longer hint ends at its last full sentence within the limit; without
 * one, at the last whole word, marked with '…'; a single over-long word is cut, also with '…'.
 */
export function capHintLength(text: string, maxChars: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= maxChars) return trimmed;
  if (maxChars < 1) return '';
  const sentenceEnds = [...trimmed.matchAll(SENTENCE_END)]
    .map((match) => match.index + match[0].length)
    .filter((end) => end <= maxChars);
  if (sentenceEnds.length) return trimmed.slice(0, sentenceEnds[sentenceEnds.length - 1]);
  const room = trimmed.slice(0, maxChars - ELLIPSIS.length + 1);
  const lastSpace = room.search(/\s\S*$/);
  const words = lastSpace > 0 ? room.slice(0, lastSpace) : wholeCharacters(room.slice(0, -1));
  return `${words.replace(/[\s,;:(\-–—]+$/u, '')}${ELLIPSIS}`;
}
