/**
 * The ethics committee's dashboard for a period and, optionally, one channel: cases
 * received by month, category, status and outcome; deadlines met by month; times to
 * acknowledge and to first feedback; open cases by age. Only aggregates of the clear
 * metadata, every table suppressed (suppress.ts) before it leaves this function.
 */
import { CASE_STATUSES } from '../../../shared/api/common.schema';
import { AGE_COLUMNS, OUTCOME_COLUMNS, type DashboardQuery, type DashboardResponse, type StatTable } from '../../../shared/api/statistics.schema';
import { ChannelNotFound } from '../../errors';
import type { DurationMetric } from '../../ports/stats.port';
import { categoryIds, labelsOf } from './channel-labels';
import { monthsBetween, periodLabel, periodOf } from './period';
import { complianceRates, deadlineTables } from './compliance';
import { sameTotals, suppressLinkedTables } from './linked-tables';
import { durationSummary, tabulate } from './stat-tables';
import { suppressTable, type CountTable } from './suppress';
import { histograms, loadPeriod, type PeriodData, type StatsDeps } from './stats-data';

function durations(data: PeriodData, rows: string[], metric: DurationMetric, k: number) {
  const { perChannel, overall } = histograms(data, metric);
  return durationSummary(rows, perChannel, overall, k);
}

export async function buildDashboard(deps: StatsDeps, query: DashboardQuery): Promise<DashboardResponse> {
  const now = deps.now();
  const period = periodOf(query, now);
  const channelId = query.channel ?? null;
  const data = await loadPeriod(deps, period, channelId, now);
  const channels = channelId === null ? data.channels : data.channels.filter((c) => c.id === channelId);
  if (channelId !== null && channels.length === 0) throw ChannelNotFound();
  const rows = channels.map((c) => c.id);
  const months = monthsBetween(period.from, period.to);
  const categories = categoryIds(channels, data.counts.map((r) => r.category));
  const { k } = deps;

  const received = {
    byMonth: tabulate(rows, months, data.counts.map((r) => ({ row: r.channelId, col: r.month, count: r.count }))),
    byCategory: tabulate(rows, categories, data.counts.map((r) => ({ row: r.channelId, col: r.category, count: r.count }))),
    byStatus: tabulate(rows, [...CASE_STATUSES], data.counts.map((r) => ({ row: r.channelId, col: r.status, count: r.count }))),
    byOutcome: tabulate(rows, [...OUTCOME_COLUMNS], data.counts.map((r) => ({ row: r.channelId, col: r.outcome ?? 'none', count: r.count }))),
  };
  const acknowledge = deadlineTables(data, rows, months, 'acknowledge', 'byMonth');
  const feedback = deadlineTables(data, rows, months, 'feedback', 'byMonth');
  const all: Record<string, CountTable> = { ...received, ...acknowledge.tables, ...feedback.tables };
  const links = [...sameTotals('byMonth', 'byCategory', all), ...sameTotals('byMonth', 'byStatus', all), ...sameTotals('byMonth', 'byOutcome', all), ...acknowledge.links, ...feedback.links];
  const released = suppressLinkedTables(all, links, k);
  const pick = (name: string): StatTable => released[name] as StatTable;
  const openByAge = suppressTable(tabulate(rows, [...AGE_COLUMNS], data.open.map((r) => ({ row: r.channelId, col: AGE_COLUMNS[r.bucket] ?? '', count: r.count }))), k);

  return {
    period: periodLabel(period),
    channel: channelId,
    k,
    generatedAt: now.toISOString(),
    labels: labelsOf(channels, categories),
    received: { byMonth: pick('byMonth'), byCategory: pick('byCategory'), byStatus: pick('byStatus'), byOutcome: pick('byOutcome') },
    deadlines: { acknowledge: complianceRates(released, 'acknowledge', rows, months), feedback: complianceRates(released, 'feedback', rows, months) },
    durations: { acknowledge: durations(data, rows, 'acknowledge', k), feedback: durations(data, rows, 'feedback', k) },
    openByAge,
  };
}
