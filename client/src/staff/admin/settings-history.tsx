/**
 * The settings history: every change to settings, channels and the logo from the audit log,
 * with who and which fields, never the free texts themselves.
 */
import { useCallback } from 'react';
import type { StaffClient } from '../api/staff-client';
import { useQuery } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { AdminError } from './admin-error';
import { fetchSettingsHistory } from './admin-endpoints';

export function SettingsHistory({ client, round }: { client: StaffClient; round: number }) {
  const { t, formatDate } = useStaffI18n();
  const { data, error } = useQuery(useCallback((signal: AbortSignal) => fetchSettingsHistory(client, signal), [client, round]));
  return (
    <section className="editor-section" aria-labelledby="history-heading" data-testid="settings-history">
      <h2 id="history-heading">{t('adm.hist.title')}</h2>
      {error !== null && <AdminError error={error} />}
      {data && data.entries.length === 0 && <p>{t('adm.hist.empty')}</p>}
      {data && data.entries.length > 0 && (
        <ol className="plain-list history-list">
          {data.entries.map((e, i) => (
            <li key={`${e.at}-${i}`} className="history-entry" data-testid="history-entry" data-action={e.action}>
              <p>
                <strong>{formatDate(e.at, true)}</strong> — {e.actorName ?? e.actorId ?? t('adm.hist.system')} — <code dir="ltr">{e.action}</code>
                {e.version !== null && ` · ${t('adm.list.version', { v: e.version })}`}
              </p>
              {e.changed.length > 0 && (
                <p className="muted">
                  {t('adm.hist.changed')}{' '}
                  {e.changed.map((c) => (
                    <code key={c} dir="ltr" className="changed-path">
                      {c}
                    </code>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
