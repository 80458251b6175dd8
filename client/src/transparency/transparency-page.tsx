/**
 * The public transparency page: how many reports the municipality received and how it
 * handled them, with k and epsilon explained in plain words, each figure as a chart and a
 * table, and the open-data files. No sign-in; the server answers 404 while the page is off.
 */
import { useEffect, useState } from 'react';
import { NOISY_COUNTS_PER_CASE, type TransparencyResponse } from '../../../shared/api/statistics.schema';
import { ApiFailure, requestJson } from '../api/http';
import { useStatsI18n } from '../committee/i18n/stats-i18n';
import { countGrid, rateGrid } from '../committee/stat-grid';
import { StatSection } from '../committee/stat-section';
import '../committee/committee.css';

type State = { kind: 'loading' } | { kind: 'off' } | { kind: 'failed' } | { kind: 'ready'; page: TransparencyResponse };

export function TransparencyPage() {
  const i18n = useStatsI18n();
  const { t } = i18n;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    requestJson<TransparencyResponse>('GET', '/api/v1/public/transparency', { signal: controller.signal }).then(
      (page) => setState({ kind: 'ready', page }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState(err instanceof ApiFailure && err.status === 404 ? { kind: 'off' } : { kind: 'failed' });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  if (state.kind === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (state.kind === 'off') return <section className="page"><h1>{t('public.title')}</h1><p data-testid="transparency-off">{t('public.notPublished')}</p></section>;
  if (state.kind === 'failed') {
    return (
      <section className="page">
        <p className="notice notice-error">{t('common.error')}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t('common.retry')}</button>
      </section>
    );
  }
  const { page } = state;
  const common = { i18n, labels: page.labels, k: page.k };
  const scale = Math.round((NOISY_COUNTS_PER_CASE / page.epsilon) * 10) / 10;
  return (
    <section className="page stats-page transparency-page" data-testid="transparency-page">
      <h1>{t('public.title')}</h1>
      <p>{t('public.intro')}</p>
      <p>{t('public.period', { from: i18n.month(page.period.from), to: i18n.month(page.period.to) })}</p>
      <div className="transparency-explain">
        <h2>{t('public.kTitle')}</h2>
        <p data-testid="transparency-k">{t('public.kText', { k: page.k })}</p>
        <h2>{t('public.epsilonTitle')}</h2>
        <p data-testid="transparency-epsilon">{t('public.epsilonText', { epsilon: page.epsilon, scale })}</p>
      </div>
      <StatSection {...common} title={t('section.byMonth')} grid={countGrid(page.received.byMonth)} columns="month" chart="bar" stacked testId="public-by-month" />
      <StatSection {...common} title={t('section.byCategory')} grid={countGrid(page.received.byCategory)} columns="category" chart="bar" testId="public-by-category" />
      <StatSection {...common} title={t('section.byStatus')} grid={countGrid(page.received.byStatus)} columns="status" chart="bar" testId="public-by-status" />
      <StatSection {...common} title={t('section.byOutcome')} grid={countGrid(page.received.byOutcome)} columns="outcome" chart="bar" testId="public-by-outcome" />
      <StatSection {...common} title={t('section.ackRate')} note={t('rate.note')} grid={rateGrid(page.deadlines.acknowledge)} columns="month" chart="line" testId="public-ack-rate" />
      <StatSection {...common} title={t('section.feedbackRate')} note={t('rate.note')} grid={rateGrid(page.deadlines.feedback)} columns="month" chart="line" testId="public-feedback-rate" />
      <h2>{t('public.openData')}</h2>
      <p>
        {t('public.openDataText', { licence: page.licence })}{' '}
        <a href="/api/v1/public/open-data?format=json" data-testid="open-data-json">JSON</a>
        {' · '}
        <a href="/api/v1/public/open-data?format=csv" data-testid="open-data-csv">CSV</a>
      </p>
    </section>
  );
}

export default TransparencyPage;
