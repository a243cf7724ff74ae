const PUNCTUATION = /\p{P}/gu;
const WHITESPACE = /\s+/gu;

/**
 * Free text as fill-in-the-blank answers are compared: compatibility forms folded (NFKC: full-width
 * letters, ligatures), lower-cased, punctuation removed (so "e-mail" matches "email"), runs of
 * spaces collapsed and the ends trimmed. The last NFKC recomposes marks that removed punctuation
 * left next to a letter, which keeps the function idempotent.
 */
export function normalizeFreeText(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase().normalize('NFKC');
  return folded.replace(PUNCTUATION, '').normalize('NFKC').replace(WHITESPACE, ' ').trim();
}
