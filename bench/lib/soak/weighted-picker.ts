/**
 * Picks keys at random in proportion to their weights (`{ browse: 20, hint: 5 }`: browse four times
 * as often). `random` returns numbers in [0, 1), as Math.random does; tests pass their own.
 */
export function weightedPicker<K extends string>(
  weights: Readonly<Record<K, number>>,
  random: () => number = Math.random,
): () => K {
  const entries = (Object.entries(weights) as [K, number][]).filter(([, weight]) => weight > 0);
  const invalid = Object.entries(weights).filter(([, weight]) => !Number.isFinite(weight) || (weight as number) < 0);
  if (invalid.length > 0) throw new Error(`weights must be finite and ≥ 0: ${invalid.map(([key]) => key).join(', ')}`);
  if (entries.length === 0) throw new Error('at least one weight must be above 0');
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of entries) cumulative.push((total += weight));
  return () => {
    const point = random() * total;
    // The first bucket whose upper bound lies above the point; the last one if rounding lands on the total.
    const index = cumulative.findIndex((bound) => point < bound);
    return entries[index === -1 ? entries.length - 1 : index]![0];
  };
}
