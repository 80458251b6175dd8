/**
 * The public transparency page: how many reports the municipality received and how it
 * handled them, each figure with its margin, explained in plain words in the reader's
 * language (transparency-view.tsx), and the open-data files. No sign-in; the server answers
 * 404 while the page is off.
 */
import { useEffect, useState } from 'react';
import type { TransparencyResponse } from '../../../shared/api/statistics.schema';
import { ApiFailure, requestJson } from '../api/http';
import { useStatsI18n } from '../committee/i18n/stats-i18n';
import { TransparencyView } from './transparency-view';
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
        <button type="button" className="button-primary" onClick={() => setAttempt((n) => n + 1)}>{t('common.retry')}</button>
      </section>
    );
  }
  return (
    <section className="page stats-page transparency-page" data-testid="transparency-page">
      <h1>{t('public.title')}</h1>
      <p className="stat-lead">{t('public.intro')}</p>
      <TransparencyView i18n={i18n} page={state.page} idPrefix="public" openData />
    </section>
  );
}

export default TransparencyPage;
