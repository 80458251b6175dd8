/**
 * The noisy figures of one month for the public page, drawn once and kept (settings key
 * `transparency.release.v2.YYYY-MM`): asking again returns the same noise, so repeated
 * requests cannot be averaged to remove it. A month is released only once every deadline
 * of its cases has passed (transparency.service.ts), so its figures are final.
 *
 * Consistent release, top-down (docs/STATISTICS.md). Each case of the month counts once in
 * the month's total, once in its channel's total, and once in each of five splits of that
 * channel (category, status, outcome, acknowledgement and feedback deadline met, missed or
 * pending). Every one of these counts gets Laplace noise once, from its own share of the
 * budget (BUDGET), then consistent-counts.ts makes the channel totals add up to the month's
 * total and each split add up to its channel's total, in whole numbers none below zero. So a
 * total is never a sum of its parts' noise; and one case costs
 * epsilon x (0.25 + 0.25 + 5 x 0.1) = epsilon in total (sequential composition over the
 * levels, parallel within each; months hold disjoint cases). Unbounded differential
 * privacy: the neighbouring store has one case more or fewer.
 *
 * Only channels that existed during the month are in its release: a channel created later
 * has no figure for it (its count is known to be nothing, so nothing is drawn for it).
 */
import { z } from 'zod';
import { CASE_STATUSES } from '../../../shared/api/common.schema';
import { DEADLINE_COLUMNS, MONTH_TOTAL_BUDGET_SHARE, OUTCOME_COLUMNS } from '../../../shared/api/statistics.schema';
import type { SettingsRepo, StatsRepo } from '../../ports/stats.port';
import { monthKey } from '../../ports/stats.port';
import type { ChannelRecord, ChannelRepo } from '../../ports/store.port';
import { channelInfos, type ChannelInfo } from './channel-labels';
import { wholePartsOf } from './consistent-counts';
import { laplace } from './laplace';
import { addMonths } from './period';
import { deadlineEntries, type PeriodData } from './stats-data';

/** cases of a category no longer in the channel's definition */
export const OTHER_CATEGORY = '_other';
export const SPLITS = ['category', 'status', 'outcome', 'acknowledge', 'feedback'] as const;
export type Split = (typeof SPLITS)[number];
/** shares of epsilon: the month's total, each channel's total, each of the five splits */
export const BUDGET = { month: MONTH_TOTAL_BUDGET_SHARE, channel: 0.25, split: 0.1 } as const;

const counts = z.record(z.number().int().nonnegative());
const channelRelease = z.object({ total: z.number().int().nonnegative(), category: counts, status: counts, outcome: counts, acknowledge: counts, feedback: counts });
export const monthReleaseSchema = z.object({
  month: z.string(), epsilon: z.number().positive(), frozenAt: z.string(), total: z.number().int().nonnegative(), channels: z.record(channelRelease),
});
export type MonthRelease = z.infer<typeof monthReleaseSchema>;
export type ChannelCounts = z.infer<typeof channelRelease>;
export type MonthCounts = Pick<MonthRelease, 'total' | 'channels'>;

export interface ReleaseDeps {
  store: { stats: StatsRepo; settings: SettingsRepo; channels: Pick<ChannelRepo, 'list'> };
  now: () => Date;
}

function emptyCounts(channel: ChannelInfo): ChannelCounts {
  const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, 0]));
  return {
    total: 0,
    category: zeros([...channel.categories.map((c) => c.id), OTHER_CATEGORY]),
    status: zeros(CASE_STATUSES),
    outcome: zeros(OUTCOME_COLUMNS),
    acknowledge: zeros(DEADLINE_COLUMNS),
    feedback: zeros(DEADLINE_COLUMNS),
  };
}

/** True counts over the fixed domain of the channels given (those that existed in the month). */
export function trueCounts(data: PeriodData): MonthCounts {
  const channels: Record<string, ChannelCounts> = Object.fromEntries(data.channels.map((c) => [c.id, emptyCounts(c)]));
  const add = (record: Record<string, number> | undefined, key: string, n: number): void => {
    if (record && key in record) record[key] = (record[key] ?? 0) + n;
  };
  for (const row of data.counts) {
    const channel = channels[row.channelId];
    if (!channel) continue;
    channel.total += row.count;
    add(channel.category, row.category in channel.category ? row.category : OTHER_CATEGORY, row.count);
    add(channel.status, row.status, row.count);
    add(channel.outcome, row.outcome ?? 'none', row.count);
  }
  for (const metric of ['acknowledge', 'feedback'] as const) {
    for (const entry of deadlineEntries(data, metric, () => '')) add(channels[entry.row]?.[metric], entry.state, entry.count);
  }
  const total = Object.values(channels).reduce((sum, c) => sum + c.total, 0);
  return { total, channels };
}

/** a draw of Laplace noise of the given scale */
export type Noise = (scale: number) => number;

/**
 * The mechanism: noise at every level, then parts made to add up to their total. `noise` is
 * the CSPRNG's Laplace in production; release-margins.ts runs it again with a seeded one.
 */
export function drawMonth(truth: MonthCounts, epsilon: number, noise: Noise = laplace): MonthCounts {
  const ids = Object.keys(truth.channels);
  if (ids.length === 0) return { total: 0, channels: {} };
  const noisy = (n: number, share: number): number => n + noise(1 / (epsilon * share));
  const total = Math.max(0, Math.round(noisy(truth.total, BUDGET.month)));
  const totals = wholePartsOf(ids.map((id) => noisy(truth.channels[id]?.total ?? 0, BUDGET.channel)), total);
  const split = (record: Record<string, number>, channelTotal: number): Record<string, number> => {
    const keys = Object.keys(record);
    const parts = wholePartsOf(keys.map((key) => noisy(record[key] as number, BUDGET.split)), channelTotal);
    const out: Record<string, number> = {};
    keys.forEach((key, i) => {
      out[key] = parts[i] as number;
    });
    return out;
  };
  const channels: Record<string, ChannelCounts> = {};
  ids.forEach((id, i) => {
    const own = truth.channels[id] as ChannelCounts;
    const t = totals[i] as number;
    channels[id] = { total: t, category: split(own.category, t), status: split(own.status, t), outcome: split(own.outcome, t), acknowledge: split(own.acknowledge, t), feedback: split(own.feedback, t) };
  });
  return { total, channels };
}

export const releaseKey = (month: Date): string => `transparency.release.v2.${monthKey(month)}`;

/** channels that existed at some time during the month starting at `month` */
export function channelsOfMonth(channels: ChannelRecord[], month: Date): ChannelRecord[] {
  const end = addMonths(month, 1).getTime();
  return channels.filter((c) => c.createdAt.getTime() < end);
}

/** The month's release: the stored one, or drawn now and stored unless another request stored one first. */
export async function monthRelease(deps: ReleaseDeps, month: Date, epsilon: number): Promise<MonthRelease> {
  const key = releaseKey(month);
  const stored = monthReleaseSchema.safeParse(await deps.store.settings.get(key));
  if (stored.success) return stored.data;
  const now = deps.now();
  const query = { from: month, to: addMonths(month, 1), channelId: null };
  const [channels, rowsCounts, answered, pending] = await Promise.all([
    deps.store.channels.list(), deps.store.stats.counts(query), deps.store.stats.answered(query), deps.store.stats.pending(query, now),
  ]);
  const existing = channelInfos(channelsOfMonth(channels, month));
  const truth = trueCounts({ channels: existing, counts: rowsCounts, answered, durations: [], pending, open: [] });
  const release: MonthRelease = { month: monthKey(month), epsilon, frozenAt: now.toISOString(), ...drawMonth(truth, epsilon) };
  return monthReleaseSchema.parse(await deps.store.settings.putIfAbsent(key, release, now));
}
