/**
 * The ethics committee's dashboard: filters (months, channel), then each figure as a chart
 * with the same numbers in a table under it, and a table of contents to jump between them.
 * Aggregates only: nothing here links to a case. Administrators also find the switch of the
 * public transparency page here, with its preview.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DashboardQuery, StatLabels } from '../../../shared/api/statistics.schema';
import { useQuery } from '../staff/components/use-action';
import { StaffError } from '../staff/staff-error';
import { useStaffSession, useUnlocked } from '../staff/staff-session';
import { useStatsI18n, type StatsMessageKey } from './i18n/stats-i18n';
import { countGrid, rateGrid } from './stat-grid';
import { DurationSection, StatSection } from './stat-section';
import { fetchDashboard } from './stats-api';
import { StatToc } from './stat-toc';
import { TransparencySettingsForm } from './transparency-settings-form';
import './committee.css';

function Filters({ channels, initial, onApply }: { channels: StatLabels['channels']; initial: DashboardQuery; onApply(q: DashboardQuery): void }) {
  const i18n = useStatsI18n();
  const { t } = i18n;
  const [from, setFrom] = useState(initial.from ?? '');
  const [to, setTo] = useState(initial.to ?? '');
  const [channel, setChannel] = useState(initial.channel ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...(from ? { from } : {}), ...(to ? { to } : {}), ...(channel ? { channel } : {}) });
  };
  return (
    <form className="stat-filters no-print" onSubmit={submit} data-testid="stats-filters">
      <fieldset>
        <legend>{t('filter.legend')}</legend>
        <label>
          {t('filter.from')}
          <input type="month" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="stats-from" />
        </label>
        <label>
          {t('filter.to')}
          <input type="month" value={to} onChange={(e) => setTo(e.target.value)} data-testid="stats-to" />
        </label>
        <label>
          {t('filter.channel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value)} data-testid="stats-channel">
            <option value="">{t('filter.allChannels')}</option>
            {Object.entries(channels).map(([id, name]) => (
              <option key={id} value={id}>
                {name[i18n.lang]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button-primary">{t('filter.apply')}</button>
      </fieldset>
    </form>
  );
}

const SECTIONS: [string, StatsMessageKey][] = [
  ['stats-by-month', 'section.byMonth'], ['stats-by-category', 'section.byCategory'], ['stats-by-status', 'section.byStatus'],
  ['stats-by-outcome', 'section.byOutcome'], ['stats-ack-rate', 'section.ackRate'], ['stats-feedback-rate', 'section.feedbackRate'],
  ['stats-durations', 'section.durations'], ['stats-open-age', 'section.openByAge'],
];

export function DashboardPage() {
  const i18n = useStatsI18n();
  const { t } = i18n;
  const { client } = useUnlocked();
  const { has } = useStaffSession();
  const [filters, setFilters] = useState<DashboardQuery>({});
  const [channels, setChannels] = useState<StatLabels['channels']>({});
  const load = useCallback((signal: AbortSignal) => fetchDashboard(client, filters, signal), [client, filters]);
  const { data, error } = useQuery(load);
  // Every channel is listed when no channel is chosen; keep that list for the filter.
  useEffect(() => {
    if (data?.channel === null) setChannels(data.labels.channels);
  }, [data]);

  const common = data ? { i18n, labels: data.labels, k: data.k } : null;
  const sections = SECTIONS.map(([testId, key]) => ({ id: `${testId}-title`, title: t(key) }));
  const admin = has('admin');
  return (
    <section className="page stats-page" data-testid="stats-dashboard">
      <h1>{t('dashboard.title')}</h1>
      <p className="stat-lead">{t('dashboard.intro', { k: data?.k ?? 5 })}</p>
      <StatToc i18n={i18n} entries={admin ? [...sections, { id: 'transparency-settings-title', title: t('admin.transparency') }] : sections} testId="stats-toc" />
      <Filters channels={channels} initial={filters} onApply={setFilters} />
      {error !== null && <StaffError error={error} testId="stats-error" />}
      {data === null || common === null ? (
        error === null && <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <StatSection {...common} title={t('section.byMonth')} grid={countGrid(data.received.byMonth)} columns="month" chart="bar" stacked testId="stats-by-month" />
          <StatSection {...common} title={t('section.byCategory')} grid={countGrid(data.received.byCategory)} columns="category" chart="bar" testId="stats-by-category" />
          <StatSection {...common} title={t('section.byStatus')} grid={countGrid(data.received.byStatus)} columns="status" chart="bar" testId="stats-by-status" />
          <StatSection {...common} title={t('section.byOutcome')} grid={countGrid(data.received.byOutcome)} columns="outcome" chart="bar" testId="stats-by-outcome" />
          <StatSection {...common} title={t('section.ackRate')} note={t('rate.note')} grid={rateGrid(data.deadlines.acknowledge)} columns="month" chart="line" testId="stats-ack-rate" />
          <StatSection {...common} title={t('section.feedbackRate')} note={t('rate.note')} grid={rateGrid(data.deadlines.feedback)} columns="month" chart="line" testId="stats-feedback-rate" />
          <DurationSection {...common} acknowledge={data.durations.acknowledge} feedback={data.durations.feedback} testId="stats-durations" />
          <StatSection {...common} title={t('section.openByAge')} grid={countGrid(data.openByAge)} columns="age" chart="bar" stacked testId="stats-open-age" />
        </>
      )}
      {admin && <TransparencySettingsForm client={client} />}
    </section>
  );
}

export default DashboardPage;
