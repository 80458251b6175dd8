/**
 * The aggregate rows of one period, read once from the store, and the groupings every
 * statistics view builds from them: deadlines met, missed and pending, and duration
 * histograms per channel.
 */
import type { AnsweredRow, CaseCountRow, DurationMetric, DurationRow, OpenAgeRow, PendingRow, StatsRepo } from '../../ports/stats.port';
import type { ChannelRepo } from '../../ports/store.port';
import { channelInfos, type ChannelInfo } from './channel-labels';
import { addTo, type Histogram } from './percentile';
import type { Period } from './period';
import type { Entry } from './stat-tables';

export interface StatsDeps {
  store: { stats: StatsRepo; channels: Pick<ChannelRepo, 'list'> };
  k: number;
  now: () => Date;
}

export interface PeriodData {
  channels: ChannelInfo[];
  counts: CaseCountRow[];
  answered: AnsweredRow[];
  durations: DurationRow[];
  pending: PendingRow[];
  open: OpenAgeRow[];
}

export async function loadPeriod(deps: StatsDeps, period: Period, channelId: string | null, now: Date): Promise<PeriodData> {
  const query = { ...period, channelId };
  const [channels, counts, answered, durations, pending, open] = await Promise.all([
    deps.store.channels.list(),
    deps.store.stats.counts(query),
    deps.store.stats.answered(query),
    deps.store.stats.durations(query),
    deps.store.stats.pending(query, now),
    deps.store.stats.openByAge(query, now),
  ]);
  return { channels: channelInfos(channels), counts, answered, durations, pending, open };
}

export type DeadlineState = 'met' | 'missed' | 'pending';

export interface DeadlineEntry extends Entry {
  state: DeadlineState;
}

/** Each case whose deadline has passed was answered in time (met) or not (missed); the others are pending. */
export function deadlineEntries(data: PeriodData, metric: DurationMetric, col: (row: { month: string }) => string): DeadlineEntry[] {
  const entries: DeadlineEntry[] = [];
  for (const r of data.answered) if (r.metric === metric) entries.push({ row: r.channelId, col: col(r), count: r.count, state: r.onTime ? 'met' : 'missed' });
  for (const r of data.pending) if (r.metric === metric) entries.push({ row: r.channelId, col: col(r), count: r.count, state: r.overdue ? 'missed' : 'pending' });
  return entries;
}

export function histograms(data: PeriodData, metric: DurationMetric): { perChannel: Map<string, Histogram>; overall: Histogram } {
  const perChannel = new Map<string, Histogram>();
  const overall: Histogram = new Map();
  for (const r of data.durations) {
    if (r.metric !== metric) continue;
    if (!perChannel.has(r.channelId)) perChannel.set(r.channelId, new Map());
    addTo(perChannel.get(r.channelId) as Histogram, r.bucketHours, r.count);
    addTo(overall, r.bucketHours, r.count);
  }
  return { perChannel, overall };
}
