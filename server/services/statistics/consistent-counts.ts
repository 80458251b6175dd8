/**
 * Post-processing that makes noisy counts add up: the parts of a total become whole numbers,
 * none below zero, that sum exactly to the total and are as close as possible (least
 * squares) to the noisy parts. Applied top-down (month total, then each channel's total under
 * it, then each channel's splits under that), so every published total is the sum of its
 * published parts and was itself noised once, instead of adding up the noise of its parts.
 * It reads only noisy figures, so it costs no privacy.
 */

/** Euclidean projection of `x` onto { y >= 0, sum(y) = total } (sort-based, Duchi et al. 2008). */
export function projectOntoSimplex(x: readonly number[], total: number): number[] {
  if (x.length === 0) return [];
  if (total <= 0) return x.map(() => 0);
  const sorted = [...x].sort((a, b) => b - a);
  let running = 0;
  let threshold = 0;
  for (let j = 0; j < sorted.length; j += 1) {
    running += sorted[j] as number;
    const candidate = (running - total) / (j + 1);
    if ((sorted[j] as number) - candidate > 0) threshold = candidate;
  }
  return x.map((v) => Math.max(0, v - threshold));
}

/**
 * Whole numbers, none negative, summing to `total` (a whole number at least 0), nearest to
 * `x`: the projection above, rounded down, then the remaining units to the largest
 * fractional parts (ties to the larger noisy value, then to the first), so the result is
 * deterministic for the same noisy input.
 */
export function wholePartsOf(x: readonly number[], total: number): number[] {
  if (x.length === 0) return [];
  const whole = Math.max(0, Math.round(total));
  const real = projectOntoSimplex(x, whole);
  const floors = real.map(Math.floor);
  let left = whole - floors.reduce((a, b) => a + b, 0);
  const order = real.map((_, i) => i).sort((a, b) => (real[b] as number) - (floors[b] as number) - ((real[a] as number) - (floors[a] as number)) || (x[b] as number) - (x[a] as number) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left -= 1;
  }
  return floors;
}

/** the same on a record of named parts, keeping the keys' order */
export function wholePartsRecord(parts: Readonly<Record<string, number>>, total: number): Record<string, number> {
  const keys = Object.keys(parts);
  const values = wholePartsOf(keys.map((key) => parts[key] as number), total);
  return Object.fromEntries(keys.map((key, i) => [key, values[i] as number]));
}
