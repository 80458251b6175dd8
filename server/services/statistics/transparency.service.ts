/**
 * The public transparency page: the committee's aggregates over the last twelve months
 * whose deadlines have all passed, from the noisy monthly releases (transparency-release.ts),
 * then k-suppressed like every other table. Sums, the clamp at zero, rates and suppression
 * all work on the noisy figures only, which is post-processing and spends no privacy budget.
 *
 * Answers NotFound while the page is switched off, as if it did not exist.
 */
import { CASE_STATUSES, type Localized } from '../../../shared/api/common.schema';
import { OUTCOME_COLUMNS, type RateTable, type TransparencyResponse } from '../../../shared/api/statistics.schema';
import { NotFound } from '../../errors';
import { categoryIds, channelInfos, labelsOf } from './channel-labels';
import { addMonths, monthStart, monthsBetween, parseMonth, periodLabel, type Period } from './period';
import { publishable } from './laplace';
import { rateTable, tabulate, type Entry } from './stat-tables';
import { suppressTable, type CountTable } from './suppress';
import { monthRelease, OTHER_CATEGORY, type MonthRelease, type ReleaseDeps } from './transparency-release';
import { readTransparency } from './transparency-settings';

const DAY_MS = 24 * 60 * 60 * 1000;
export const PUBLISHED_MONTHS = 12;
const OTHER_LABEL: Localized = { ar: 'فئات أخرى', fr: 'Autres catégories', en: 'Other categories' };

export interface TransparencyDeps extends ReleaseDeps {
  k: number;
  feedbackDays: number;
}

/** The twelve months up to the last one whose feedback deadlines (a day's margin included) have all passed. */
export function publishedPeriod(now: Date, feedbackDays: number): Period {
  let last = monthStart(now.getUTCFullYear(), now.getUTCMonth() - 1);
  while (addMonths(last, 1).getTime() + (feedbackDays + 1) * DAY_MS > now.getTime()) last = addMonths(last, -1);
  return { from: addMonths(last, 1 - PUBLISHED_MONTHS), to: addMonths(last, 1) };
}

/** A table of summed noisy counts as it may be shown: each cell at least 0, totals from those cells. */
function shown(table: CountTable): CountTable {
  return { ...table, cells: table.cells.map((row) => row.map(publishable)) };
}

/** entries of one kind of figure over every month and channel of the releases */
function entries(releases: MonthRelease[], pick: (channel: MonthRelease['channels'][string]) => Record<string, number>, col: (key: string, month: string) => string): Entry[] {
  const out: Entry[] = [];
  for (const release of releases) {
    for (const [row, channel] of Object.entries(release.channels)) {
      for (const [key, count] of Object.entries(pick(channel))) out.push({ row, col: col(key, release.month), count });
    }
  }
  return out;
}

function deadlineRates(releases: MonthRelease[], rows: string[], months: string[], metric: 'acknowledge' | 'feedback', k: number): RateTable {
  const of = (state: 'met' | 'missed') =>
    suppressTable(shown(tabulate(rows, months, entries(releases, (c) => ({ [state]: c[metric][state] ?? 0 }), (_key, month) => month))), k);
  return rateTable(of('met'), of('missed'));
}

export async function publicTransparency(deps: TransparencyDeps): Promise<TransparencyResponse> {
  const settings = await readTransparency(deps.store.settings);
  if (!settings.enabled) throw NotFound();
  const now = deps.now();
  const period = publishedPeriod(now, deps.feedbackDays);
  const months = monthsBetween(period.from, period.to);
  const releases: MonthRelease[] = [];
  // One after the other: the first request after a month becomes final draws its noise once.
  for (const month of months) releases.push(await monthRelease(deps, parseMonth(month), settings.epsilon));

  const channels = channelInfos(await deps.store.channels.list());
  const rows = channels.map((c) => c.id);
  const categories = categoryIds(channels, [OTHER_CATEGORY]);
  const { k } = deps;
  // Each table is clamped on its own, so its totals are its own: suppressed one by one.
  const table = (cols: string[], pick: Parameters<typeof entries>[1], col: Parameters<typeof entries>[2]) =>
    suppressTable(shown(tabulate(rows, cols, entries(releases, pick, col))), k);
  const labels = labelsOf(channels, categories);
  labels.categories[OTHER_CATEGORY] = OTHER_LABEL;

  return {
    period: periodLabel(period),
    generatedAt: now.toISOString(),
    // Months hold disjoint cases, so the privacy loss of the whole page is the largest month's.
    epsilon: Math.max(...releases.map((r) => r.epsilon)),
    k,
    licence: settings.licence,
    labels,
    received: {
      byMonth: table(months, (c) => c.category, (_key, month) => month),
      byCategory: table(categories, (c) => c.category, (key) => key),
      byStatus: table([...CASE_STATUSES], (c) => c.status, (key) => key),
      byOutcome: table([...OUTCOME_COLUMNS], (c) => c.outcome, (key) => key),
    },
    deadlines: {
      acknowledge: deadlineRates(releases, rows, months, 'acknowledge', k),
      feedback: deadlineRates(releases, rows, months, 'feedback', k),
    },
  };
}
