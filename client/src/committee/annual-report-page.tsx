/**
 * The annual report for a year, the current one first: framed by Moroccan law (Law 31-13 on
 * access to information, Law 37-10 on the protection of whistleblowers in corruption cases)
 * and the Open Government Partnership local action plan, with EU Directive 2019/1937 and
 * ISO 37002 as references. A summary, where the reports stand, the deadlines and the
 * response times, each as a table, with a table of contents; laid out for paper when
 * printed (committee.css), with CSV in each language and JSON.
 */
import { useCallback, useState, type FormEvent } from 'react';
import type { AnnualReportResponse, Cell } from '../../../shared/api/statistics.schema';
import { saveBlob } from '../attachments/decrypt-attachment';
import { LANGS, type Lang } from '../i18n/languages';
import { useAction, useQuery } from '../staff/components/use-action';
import { StaffError } from '../staff/staff-error';
import { useUnlocked } from '../staff/staff-session';
import { useStatsI18n, type StatsMessageKey } from './i18n/stats-i18n';
import { countGrid } from './stat-grid';
import { DurationSection, StatSection } from './stat-section';
import { fetchAnnualReport, fetchAnnualReportFile } from './stats-api';
import { TableRegion } from './stat-table';
import { StatToc } from './stat-toc';
import './committee.css';

const SUMMARY: [keyof AnnualReportResponse['summary'], StatsMessageKey, 'count' | 'rate'][] = [
  ['received', 'stats.summary.received', 'count'],
  ['investigated', 'stats.summary.investigated', 'count'],
  ['referred', 'stats.summary.referred', 'count'],
  ['acknowledgedInTime', 'stats.summary.acknowledgedInTime', 'rate'],
  ['feedbackInTime', 'stats.summary.feedbackInTime', 'rate'],
];

const TOC: [string, StatsMessageKey][] = [
  ['report-frame-title', 'report.frameTitle'], ['report-summary-title', 'stats.section.summary'], ['report-stages-title', 'stats.section.stages'],
  ['report-acknowledge-title', 'stats.section.acknowledge'], ['report-feedback-title', 'stats.section.feedback'], ['report-durations-title', 'section.durations'],
];

export function AnnualReportPage() {
  const i18n = useStatsI18n();
  const { t } = i18n;
  const { client } = useUnlocked();
  const thisYear = new Date().getUTCFullYear();
  const [year, setYear] = useState(thisYear);
  const [draft, setDraft] = useState(String(thisYear));
  const load = useCallback((signal: AbortSignal) => fetchAnnualReport(client, year, signal), [client, year]);
  const { data: report, error: loadError } = useQuery(load);
  const downloading = useAction();
  const error = loadError ?? downloading.error;

  const show = (event: FormEvent) => {
    event.preventDefault();
    const next = Number(draft);
    if (Number.isInteger(next) && next >= 2000 && next <= 2100) setYear(next);
  };
  const download = (format: 'csv' | 'json', lang: Lang) =>
    void downloading.run(async () => {
      const bytes = await fetchAnnualReportFile(client, year, format, lang);
      saveBlob(new Blob([bytes.slice()], { type: format === 'csv' ? 'text/csv' : 'application/json' }), `amana-annual-report-${year}${format === 'csv' ? `-${lang}` : ''}.${format}`);
    });
  const summaryCell = (cell: Cell, kind: 'count' | 'rate') => i18n.cell(cell, kind, report?.k ?? 5);

  return (
    <section className="page stats-page annual-report" data-testid="annual-report">
      <h1>{t('report.title', { year })}</h1>
      <p className="stat-lead">{t('report.intro', { year })}</p>
      <section className="stat-frame" aria-labelledby="report-frame-title" data-testid="report-frame">
        <h2 id="report-frame-title">{t('report.frameTitle')}</h2>
        <ul>
          <li>{t('report.law3113')}</li>
          <li>{t('report.law3710')}</li>
          <li>{t('report.ogp')}</li>
        </ul>
        <p className="stat-note">{t('report.references')}</p>
      </section>
      <StatToc i18n={i18n} entries={TOC.map(([id, key]) => ({ id, title: t(key) }))} testId="report-toc" />
      <form className="stat-filters no-print" onSubmit={show}>
        <label>
          {t('report.year')}
          <input type="number" inputMode="numeric" min={2000} max={2100} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="report-year" />
        </label>
        <button type="submit" className="button-primary">{t('report.show')}</button>
        <button type="button" className="button-secondary" onClick={() => window.print()} data-testid="report-print">{t('report.print')}</button>
        <span className="stat-downloads" role="group" aria-label={t('report.downloads')}>
          {LANGS.map((lang) => (
            <button key={lang} type="button" className="button-secondary" onClick={() => download('csv', lang)} data-testid={`report-csv-${lang}`}>
              {t('report.csv', { lang: lang.toUpperCase() })}
            </button>
          ))}
          <button type="button" className="button-secondary" onClick={() => download('json', i18n.lang)} data-testid="report-json">
            {t('report.json')}
          </button>
        </span>
      </form>
      {error !== null && <StaffError error={error} testId="report-error" />}
      {report === null ? (
        error === null && <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <h2 id="report-summary-title">{t('stats.section.summary')}</h2>
          <TableRegion i18n={i18n} title={t('stats.section.summary')}>
          <table className="stat-table stat-summary" data-testid="report-summary">
            <caption>{t('stats.section.summary')}</caption>
            <tbody>
              {SUMMARY.map(([key, label, kind]) => (
                <tr key={key}>
                  <th scope="row">{t(label)}</th>
                  <td>{summaryCell(report.summary[key], kind)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
          <StatSection i18n={i18n} labels={report.labels} k={report.k} title={t('stats.section.stages')} grid={countGrid(report.stages)} columns="stage" chart="bar" stacked testId="report-stages" />
          <StatSection i18n={i18n} labels={report.labels} k={report.k} title={t('stats.section.acknowledge')} grid={countGrid(report.acknowledge)} columns="deadline" chart="bar" stacked testId="report-acknowledge" />
          <StatSection i18n={i18n} labels={report.labels} k={report.k} title={t('stats.section.feedback')} grid={countGrid(report.feedback)} columns="deadline" chart="bar" stacked testId="report-feedback" />
          <DurationSection i18n={i18n} labels={report.labels} k={report.k} acknowledge={report.durations.acknowledge} feedback={report.durations.feedback} testId="report-durations" />
        </>
      )}
    </section>
  );
}

export default AnnualReportPage;
