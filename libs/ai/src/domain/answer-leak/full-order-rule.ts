import { searchTerms } from '../passage-retrieval.js';
import { type Detector, leak, strings } from './leak-view.js';
import { mentions } from './text-matching.js';

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
export const fullOrder: Detector = ({ reading, words, prompt }, exercise) => {
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
