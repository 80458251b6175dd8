/**
 * Percentiles read from the fixed-bucket duration histogram (stats.port.ts). Nearest rank:
 * the p-th percentile of n durations is the ceil(p*n)-th smallest, reported as the upper
 * edge of its bucket, so "90% of reports were acknowledged within X hours" stays true.
 */
import { bucketWidthHours } from '../../ports/stats.port';

/** lower bucket edge (hours) -> number of cases */
export type Histogram = Map<number, number>;

export function addTo(histogram: Histogram, bucketHours: number, count: number): void {
  histogram.set(bucketHours, (histogram.get(bucketHours) ?? 0) + count);
}

export function histogramSize(histogram: Histogram): number {
  let n = 0;
  for (const count of histogram.values()) n += count;
  return n;
}

/** null for an empty histogram; p in (0, 1] */
export function percentileHours(histogram: Histogram, p: number): number | null {
  const n = histogramSize(histogram);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const lower of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(lower) ?? 0;
    if (seen >= rank) return lower + bucketWidthHours(lower);
  }
  // Unreachable: the ranks never exceed n.
  return null;
}
