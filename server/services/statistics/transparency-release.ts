/**
 * The noisy figures of one month for the public page, drawn once and kept (settings key
 * `transparency.release.YYYY-MM`): asking again returns the same noise, so repeated
 * requests cannot be averaged to remove it. A month is released only once every deadline
 * of its cases has passed (transparency.service.ts), so its figures are final.
 *
 * Privacy budget: each case adds exactly one to one cell of each of five histograms per
 * channel (category, status, outcome, acknowledgement met or missed, feedback met or
 * missed). A histogram has sensitivity 1, its cells are disjoint (parallel composition), the
 * five add up (sequential composition), and months hold disjoint cases: so each histogram
 * gets epsilon/5, noise of scale 5/epsilon, and one case costs epsilon in total.
 * Unbounded differential privacy: the neighbouring store has one case more or fewer.
 */
import { z } from 'zod';
import { CASE_STATUSES } from '../../../shared/api/common.schema';
import { NOISY_COUNTS_PER_CASE, OUTCOME_COLUMNS } from '../../../shared/api/statistics.schema';
import type { SettingsRepo, StatsRepo } from '../../ports/stats.port';
import { monthKey } from '../../ports/stats.port';
import type { ChannelRepo } from '../../ports/store.port';
import { channelInfos, type ChannelInfo } from './channel-labels';
import { noisyValue } from './laplace';
import { addMonths } from './period';
import { deadlineEntries, type PeriodData } from './stats-data';

export const HISTOGRAMS = NOISY_COUNTS_PER_CASE;
/** cases of a category no longer in the channel's definition */
export const OTHER_CATEGORY = '_other';

// Stored as drawn (rounded, possibly negative): sums are made before the clamp at zero.
const counts = z.record(z.number().int());
const channelRelease = z.object({ category: counts, status: counts, outcome: counts, acknowledge: counts, feedback: counts });
export const monthReleaseSchema = z.object({ month: z.string(), epsilon: z.number().positive(), frozenAt: z.string(), channels: z.record(channelRelease) });
export type MonthRelease = z.infer<typeof monthReleaseSchema>;
type ChannelRelease = z.infer<typeof channelRelease>;

export interface ReleaseDeps {
  store: { stats: StatsRepo; settings: SettingsRepo; channels: Pick<ChannelRepo, 'list'> };
  now: () => Date;
}

function emptyRelease(channel: ChannelInfo): ChannelRelease {
  const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, 0]));
  return {
    category: zeros([...channel.categories.map((c) => c.id), OTHER_CATEGORY]),
    status: zeros(CASE_STATUSES),
    outcome: zeros(OUTCOME_COLUMNS),
    acknowledge: zeros(['met', 'missed']),
    feedback: zeros(['met', 'missed']),
  };
}

/** True counts over the fixed domain: every channel, its categories, statuses, outcomes, met/missed. */
function trueCounts(data: PeriodData): Record<string, ChannelRelease> {
  const out = Object.fromEntries(data.channels.map((c) => [c.id, emptyRelease(c)]));
  const add = (record: Record<string, number> | undefined, key: string, n: number): void => {
    if (record && key in record) record[key] = (record[key] ?? 0) + n;
  };
  for (const row of data.counts) {
    const channel = out[row.channelId];
    if (!channel) continue;
    add(channel.category, row.category in channel.category ? row.category : OTHER_CATEGORY, row.count);
    add(channel.status, row.status, row.count);
    add(channel.outcome, row.outcome ?? 'none', row.count);
  }
  for (const metric of ['acknowledge', 'feedback'] as const) {
    for (const entry of deadlineEntries(data, metric, () => '')) add(out[entry.row]?.[metric], entry.state, entry.count);
  }
  return out;
}

function withNoise(release: ChannelRelease, epsilon: number): ChannelRelease {
  const noisy = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).map(([key, n]) => [key, noisyValue(n, epsilon / HISTOGRAMS)]));
  return { category: noisy(release.category), status: noisy(release.status), outcome: noisy(release.outcome), acknowledge: noisy(release.acknowledge), feedback: noisy(release.feedback) };
}

export const releaseKey = (month: Date): string => `transparency.release.${monthKey(month)}`;

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
  const truth = trueCounts({ channels: channelInfos(channels), counts: rowsCounts, answered, durations: [], pending, open: [] });
  const release: MonthRelease = {
    month: monthKey(month),
    epsilon,
    frozenAt: now.toISOString(),
    channels: Object.fromEntries(Object.entries(truth).map(([id, counts]) => [id, withNoise(counts, epsilon)])),
  };
  return monthReleaseSchema.parse(await deps.store.settings.putIfAbsent(key, release, now));
}
