/**
 * The margin of every published figure, by simulation: the mechanism (drawMonth) is run
 * again many times on the published months as if they were the truth, the page's figures
 * are computed from each run, and a figure's margin is how far it lands from its published
 * value in MARGIN_CONFIDENCE of the runs (a parametric bootstrap). It reads only published
 * figures, so it costs no privacy; it follows the mechanism exactly, rounding, the floor at
 * zero and the adding-up included, where a formula would not.
 *
 * The runs use a seeded generator (seeded from the months and when they were drawn): the
 * margins are then the same at every request, and this noise protects nothing, so it need
 * not come from the CSPRNG.
 */
import { MARGIN_CONFIDENCE } from '../../../shared/api/statistics.schema';
import { drawMonth, type MonthCounts, type MonthRelease, type Noise } from './transparency-release';

/** enough for the 90% quantile within a few percent; each run is a whole simulated period */
export const MARGIN_RUNS = 200;

function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Laplace draws from a seeded uniform generator, by the same inverse distribution function as laplace.ts */
export function seededNoise(seed: number): Noise {
  const uniform = mulberry32(seed);
  return (scale: number) => {
    const u = Math.min(Math.max(uniform(), 1e-12), 1 - 1e-12) - 0.5;
    return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
  };
}

function seedOf(releases: readonly MonthRelease[]): number {
  let h = 2166136261;
  for (const ch of releases.map((r) => `${r.month}@${r.frozenAt}`).join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** the q-quantile (nearest rank) of non-negative numbers */
function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

/**
 * For each figure `figures` computes from a list of months (NaN where it cannot be computed,
 * as a share of nothing), the distance from its published value within which it stays in
 * MARGIN_CONFIDENCE of the runs.
 */
export function marginsOf(releases: readonly MonthRelease[], figures: (months: readonly MonthCounts[]) => number[], runs = MARGIN_RUNS): number[] {
  const base = figures(releases);
  const noise = seededNoise(seedOf(releases));
  const deviations: number[][] = base.map(() => []);
  for (let run = 0; run < runs; run += 1) {
    const simulated = figures(releases.map((r) => drawMonth(r, r.epsilon, noise)));
    simulated.forEach((value, i) => {
      const published = base[i] as number;
      if (Number.isFinite(value) && Number.isFinite(published)) deviations[i]?.push(Math.abs(value - published));
    });
  }
  return deviations.map((d) => quantile(d, MARGIN_CONFIDENCE));
}
