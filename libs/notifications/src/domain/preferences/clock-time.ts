/**
 * A wall-clock time of day as minutes since local midnight (0–1439), written "HH:MM" on the wire.
 * Minutes, not Date: a reminder at 19:00 means 19:00 on whatever day and in whatever zone.
 */
export type ClockTime = number;

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const MINUTES_PER_DAY = 24 * 60;

/** "HH:MM", 24-hour, two digits each ("7:00" and "24:00" are not times): the minutes, or undefined. */
export function parseClockTime(text: string): ClockTime | undefined {
  const match = CLOCK_TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function isClockTime(text: string): boolean {
  return CLOCK_TIME.test(text);
}

export function formatClockTime(time: ClockTime): string {
  if (!Number.isInteger(time) || time < 0 || time >= MINUTES_PER_DAY)
    throw new RangeError(`${time} is not a time of day`);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(Math.floor(time / 60))}:${pad(time % 60)}`;
}
