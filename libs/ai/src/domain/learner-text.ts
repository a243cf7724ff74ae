/**
 * Personal data a learner may type into a question or a free-text answer, scrubbed before any of
 * it reaches a model provider (their servers are outside ours). The rules favour catching contact
 * details and account numbers over keeping every number: a run of 7+ digits written like a phone
 * number goes, while short numbers ("3 servers", "HTTP 404"), years, dates, decimals, thousands
 * and IPv4 addresses stay, because lessons about technology are full of them. Names cannot be
 * told from prose by pattern, so they are not attempted.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// A scheme or "www." URL, or a bare domain on a common top-level domain followed by a path: a bare
// "example.com" is prose about the web, and "Node.js/Deno" is not a link.
const LINK =
  /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"]+|\b(?:[\p{L}\p{N}-]+\.)+(?:com|org|net|io|dev|app|co|me|info|edu|gov|uk|de|fr|nl|eu)\/[^\s<>"]*/giu;
// Punctuation that ends the sentence rather than the link.
const LINK_TRAILER = /[.,;:!?)\]}'"]+$/u;
const IBAN = /\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?\b/giu;
// 13–19 digits, grouped or not: card numbers and other account numbers.
const CARD = /(?<![\p{L}\p{N}_+])\p{N}(?:[ -]?\p{N}){12,18}(?![\p{L}\p{N}_])/gu;
const PHONE = /(?<![\p{L}\p{N}_.,])(?:\+|\()?\d(?:[ .()-]{0,2}\d){6,}(?![\p{L}\p{N}_])/gu;
const WHITESPACE = /\s+/gu;

const IBAN_LENGTH = { min: 15, max: 34 };
const PHONE_DIGITS = { min: 7, max: 15 };

/** The learner's text with emails, links, account and card numbers and phone numbers replaced by placeholders. */
export function scrubPersonalData(text: string): string {
  return text
    .replace(WHITESPACE, ' ')
    .replace(EMAIL, '[email]')
    .replace(LINK, (link) => {
      const trailer = LINK_TRAILER.exec(link)?.[0] ?? '';
      return `[link]${trailer}`;
    })
    .replace(IBAN, (match) => (looksLikeIban(match) ? '[number]' : match))
    .replace(CARD, '[number]')
    .replace(PHONE, (match) => (looksLikePhone(match) ? '[phone]' : match))
    .trim();
}

function looksLikeIban(candidate: string): boolean {
  const compact = candidate.replace(/ /gu, '');
  const digits = compact.replace(/\D/gu, '').length;
  // IBANs are mostly digits; four-letter words in a row ("DE12 this that") are not.
  return compact.length >= IBAN_LENGTH.min && compact.length <= IBAN_LENGTH.max && digits * 2 >= compact.length;
}

function looksLikePhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/gu, '').length;
  if (digits < PHONE_DIGITS.min || digits > PHONE_DIGITS.max) return false;
  if (candidate.startsWith('+')) return true;
  return !isOrdinaryNumber(candidate);
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/u;
const DATE = /^(?:\d{4}([-./])\d{1,2}\1\d{1,2}|\d{1,2}([-./])\d{1,2}\2\d{4})$/u;
const YEAR_RANGE = /^\d{4} ?- ?\d{4}$/u;
const DECIMAL = /^\d+\.\d+$/u;
// 1 000 000 or 1.000.000: groups of three after the first.
const THOUSANDS = /^\d{1,3}(?:([ .])\d{3})(?:\1\d{3})*$/u;

function isOrdinaryNumber(candidate: string): boolean {
  return [IPV4, DATE, YEAR_RANGE, DECIMAL, THOUSANDS].some((shape) => shape.test(candidate));
}
