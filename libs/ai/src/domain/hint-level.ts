import type { HintLevel } from './hint-context.js';

/** Without an asked-for level, each hint for an exercise gives a little more than the last, up to 3. */
export function nextHintLevel(previous: HintLevel | null): HintLevel {
  if (previous === null) return 1;
  return previous === 1 ? 2 : 3;
}
