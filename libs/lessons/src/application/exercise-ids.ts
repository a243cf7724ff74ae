import { randomBytes } from 'node:crypto';

/**
 * Gives every exercise that has no `id` a new one (`ex-` and 8 hex digits); ids that are sent are
 * kept, so an exercise keeps its id across edits as long as the admin sends it back. Anything that
 * is not an object is left for validation to report.
 */
export function withExerciseIds<T>(exercises: readonly T[]): T[] {
  return exercises.map((exercise) =>
    typeof exercise === 'object' && exercise !== null && !('id' in exercise)
      ? { id: `ex-${randomBytes(4).toString('hex')}`, ...exercise }
      : exercise,
  );
}
