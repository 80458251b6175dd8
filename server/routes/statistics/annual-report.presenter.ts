/**
 * The annual report as CSV in the reader's language: one line per figure (section, channel,
 * measure, value, status), headers and labels from the shared statistics labels. Rates are
 * percentages with one decimal, durations hours. A withheld figure has no value and says why.
 */
import type { Lang } from '../../../shared/api/common.schema';
import type { AnnualReportResponse, Cell, DurationSummary, StatTable } from '../../../shared/api/statistics.schema';
import { STATISTICS_LABELS, type StatisticsLabelKey } from '../../../shared/i18n/statistics-labels';
import { csvDocument } from './csv';

type Line = (string | number | null)[];

export function annualReportCsv(report: AnnualReportResponse, lang: Lang): string {
  const labels = STATISTICS_LABELS[lang];
  const t = (key: StatisticsLabelKey): string => labels[key].replace('{k}', String(report.k));
  const channel = (id: string): string => report.labels.channels[id]?.[lang] ?? id;
  const total = t('stats.total');
  const value = (cell: Cell | undefined, scale = 1): [number | null, string] => {
    if (cell?.status === 'published') return [Math.round(cell.value * scale * 10) / 10, ''];
    return [null, t(`stats.cell.${cell?.status ?? 'suppressed'}`)];
  };
  const line = (section: StatisticsLabelKey, who: string, measure: string, cell: Cell | undefined, scale = 1): Line => [t(section), who, measure, ...value(cell, scale)];

  const table = (section: StatisticsLabelKey, data: StatTable, colLabel: (col: string) => string): Line[] => [
    ...data.rows.flatMap((row, i) => [
      ...data.cols.map((col, j) => line(section, channel(row), colLabel(col), data.cells[i]?.[j])),
      line(section, channel(row), total, data.rowTotals[i]),
    ]),
    ...data.cols.map((col, j) => line(section, total, colLabel(col), data.colTotals[j])),
    line(section, total, total, data.total),
  ];
  const durations = (what: StatisticsLabelKey, data: DurationSummary): Line[] => {
    const measure = (p: 'stats.duration.median' | 'stats.duration.p90') => `${t(what)} — ${t(p)}`;
    return [
      ...data.rows.flatMap((row, i) => [
        line('stats.section.durations', channel(row), measure('stats.duration.median'), data.median[i]),
        line('stats.section.durations', channel(row), measure('stats.duration.p90'), data.p90[i]),
      ]),
      line('stats.section.durations', total, measure('stats.duration.median'), data.overallMedian),
      line('stats.section.durations', total, measure('stats.duration.p90'), data.overallP90),
    ];
  };
  const { summary } = report;
  return csvDocument([
    [t('stats.csv.section'), t('stats.csv.channel'), t('stats.csv.measure'), t('stats.csv.value'), t('stats.csv.status')],
    line('stats.section.summary', total, t('stats.summary.received'), summary.received),
    line('stats.section.summary', total, t('stats.summary.investigated'), summary.investigated),
    line('stats.section.summary', total, t('stats.summary.referred'), summary.referred),
    line('stats.section.summary', total, `${t('stats.summary.acknowledgedInTime')} (%)`, summary.acknowledgedInTime, 100),
    line('stats.section.summary', total, `${t('stats.summary.feedbackInTime')} (%)`, summary.feedbackInTime, 100),
    ...table('stats.section.stages', report.stages, (col) => t(`stats.stage.${col}` as StatisticsLabelKey)),
    ...table('stats.section.acknowledge', report.acknowledge, (col) => t(`stats.deadline.${col}` as StatisticsLabelKey)),
    ...table('stats.section.feedback', report.feedback, (col) => t(`stats.deadline.${col}` as StatisticsLabelKey)),
    ...durations('stats.duration.acknowledge', report.durations.acknowledge),
    ...durations('stats.duration.feedback', report.durations.feedback),
  ]);
}
