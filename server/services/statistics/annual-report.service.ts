/**
 * The annual report (Law 31-13 on access to information, the OGP local action plan; the same
 * figures EU Directive 2019/1937 Art. 27 and ISO 37002 clause 9 ask for): for the cases
 * received in a calendar year, where each stands (and so how many were
 * investigated, referred, closed each way), whether the deadlines were met, and how long
 * answers took. The stage and deadline tables add up to the same channel totals, so they
 * are suppressed together (linked-tables.ts).
 *
 * "Investigated" counts the cases under investigation or closed after one (substantiated or
 * not); a case closed as inadmissible or referred elsewhere was not investigated here.
 */
import type { CaseCountRow } from '../../ports/stats.port';
import {
  DEADLINE_COLUMNS, STAGE_COLUMNS, type AnnualReportResponse, type Cell, type StatTable,
} from '../../../shared/api/statistics.schema';
import { labelsOf } from './channel-labels';
import { yearPeriod } from './period';
import { suppressLinked } from './linked-tables';
import { durationSummary, tabulate } from './stat-tables';
import { deadlineEntries, histograms, loadPeriod, type StatsDeps } from './stats-data';

export type Stage = (typeof STAGE_COLUMNS)[number];
const INVESTIGATED: readonly Stage[] = ['investigating', 'substantiated', 'not_substantiated'];

export function stageOf(row: Pick<CaseCountRow, 'status' | 'outcome'>): Stage {
  if (row.status !== 'closed') return row.status;
  return row.outcome ?? 'closed_other';
}

/** a sum of published column totals; withheld as soon as one part is, or it would reveal that part */
function sumOf(table: StatTable, cols: readonly string[]): Cell {
  let total = 0;
  for (const col of cols) {
    const cell = table.colTotals[table.cols.indexOf(col)];
    if (cell?.status !== 'published') return { status: 'suppressed' };
    total += cell.value;
  }
  return { status: 'published', value: total };
}

function inTime(table: StatTable): Cell {
  const met = sumOf(table, ['met']);
  const missed = sumOf(table, ['missed']);
  if (met.status !== 'published' || missed.status !== 'published') return { status: 'suppressed' };
  const decided = met.value + missed.value;
  return decided === 0 ? { status: 'none' } : { status: 'published', value: met.value / decided };
}

export async function buildAnnualReport(deps: StatsDeps, year: number): Promise<AnnualReportResponse> {
  const now = deps.now();
  const data = await loadPeriod(deps, yearPeriod(year), null, now);
  const rows = data.channels.map((c) => c.id);
  const deadline = (metric: 'acknowledge' | 'feedback') =>
    tabulate(rows, [...DEADLINE_COLUMNS], deadlineEntries(data, metric, () => '').map((e) => ({ ...e, col: e.state })));
  const tables = suppressLinked({
    stages: tabulate(rows, [...STAGE_COLUMNS], data.counts.map((r) => ({ row: r.channelId, col: stageOf(r), count: r.count }))),
    acknowledge: deadline('acknowledge'),
    feedback: deadline('feedback'),
  }, deps.k);
  const summary = (metric: 'acknowledge' | 'feedback') => {
    const { perChannel, overall } = histograms(data, metric);
    return durationSummary(rows, perChannel, overall, deps.k);
  };
  return {
    year,
    k: deps.k,
    generatedAt: now.toISOString(),
    labels: labelsOf(data.channels, []),
    summary: {
      received: tables.stages.total,
      investigated: sumOf(tables.stages, INVESTIGATED),
      referred: sumOf(tables.stages, ['referred']),
      acknowledgedInTime: inTime(tables.acknowledge),
      feedbackInTime: inTime(tables.feedback),
    },
    ...tables,
    durations: { acknowledge: summary('acknowledge'), feedback: summary('feedback') },
  };
}
