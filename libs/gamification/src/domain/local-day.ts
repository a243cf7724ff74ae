import { UnknownTimeZoneError } from './gamification.errors.js';

/**
 * Calendar dates as 'YYYY-MM-DD' strings. Streaks count the days a learner lives, so a day is a
 * date on the learner's wall calendar, not a 24-hour span: DST only moves where midnight falls
 * on the UTC line, which `localDayOf` already accounts for, and the arithmetic below runs on the
 * dates themselves (in UTC), where every day is exactly 24 hours long.
 */
const DAY_MS = 86_400_000;
const LOCAL_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/*
 * Building a formatter costs far more than using one, and a user has one zone; bounded because
 * zone names are user input (case variants of one zone are distinct keys).
 */
const MAX_CACHED_ZONES = 1_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  if (!isKnownTimeZone(timeZone)) throw new UnknownTimeZoneError(timeZone);
  // 'gregory' and 'latn' are the en-CA defaults; stated so an ICU change cannot alter the digits.
  const formatter = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    calendar: 'gregory',
    numberingSystem: 'latn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
  formatters.set(timeZone, formatter);
  return formatter;
}

/**
 * Whether `timeZone` names a zone of the IANA database. Fixed offsets ('+05:00', which newer
 * runtimes accept) are refused: a learner's days would shift by an hour at every DST change.
 */
export function isKnownTimeZone(timeZone: string): boolean {
  if (formatters.has(timeZone)) return true;
  if (!/^[A-Za-z]/.test(timeZone) || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date, in `timeZone`, on which `instant` falls. Throws `UnknownTimeZoneError`. */
export function localDayOf(instant: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  // The parts, not the formatted string: the separator and order are locale data that may change.
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((entry) => entry.type === type)!.value;
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** Whether `value` is a real calendar date written 'YYYY-MM-DD' ('2025-02-30' is not). */
export function isLocalDay(value: string): boolean {
  const match = LOCAL_DAY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function utcMidnightOf(day: string): number {
  // A malformed day is a bug in the caller, not a learner's mistake: no DomainError.
  if (!isLocalDay(day)) throw new RangeError(`"${day}" is not a calendar date written YYYY-MM-DD`);
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** The date `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return new Date(utcMidnightOf(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** How many days `to` is after `from`: 1 for consecutive dates, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnightOf(to) - utcMidnightOf(from)) / DAY_MS);
}
