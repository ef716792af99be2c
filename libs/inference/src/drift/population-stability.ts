/** Proportions below this count as this, so that an empty bin does not make the index infinite. */
export const PSI_FLOOR = 1e-4;

/**
 * Cut points of `bins` equal-frequency bins over the values (quantiles k/bins, k = 1..bins-1, linearly
 * interpolated as numpy's default), duplicates dropped: a feature with few distinct values gets fewer
 * bins. Bin i holds x with edges[i-1] < x <= edges[i]; the last bin is open above.
 */
export function quantileEdges(values: readonly number[], bins: number): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const position = ((sorted.length - 1) * k) / bins;
    const below = Math.floor(position);
    const above = Math.min(below + 1, sorted.length - 1);
    const edge = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
}

/** The bin of x: how many edges lie below it. */
export function binOf(edges: readonly number[], x: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (edges[middle] < x) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Counts per bin (edges.length + 1 of them); values that are not finite numbers are left out. */
export function histogram(edges: readonly number[], values: readonly (number | null)[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const value of values) {
    if (typeof value === 'number' && Number.isFinite(value)) counts[binOf(edges, value)]++;
  }
  return counts;
}

/**
 * Population stability index of the current counts against the reference counts (same bins):
 * sum over bins of (current% - reference%) * ln(current% / reference%), each proportion at least
 * PSI_FLOOR. Under 0.1 is usually read as stable, 0.1-0.2 as a moderate shift, above 0.2 as drift.
 */
export function populationStabilityIndex(reference: readonly number[], current: readonly number[]): number {
  const referenceTotal = reference.reduce((sum, count) => sum + count, 0);
  const currentTotal = current.reduce((sum, count) => sum + count, 0);
  if (referenceTotal === 0 || currentTotal === 0) return 0;
  let index = 0;
  for (let bin = 0; bin < reference.length; bin++) {
    const expected = Math.max(reference[bin] / referenceTotal, PSI_FLOOR);
    const actual = Math.max((current[bin] ?? 0) / currentTotal, PSI_FLOOR);
    index += (actual - expected) * Math.log(actual / expected);
  }
  return index;
}
