/** "Who would receive a report filed now", for a category of the channel, and why. */
import { useCallback, useState } from 'react';
import type { AdminChannel } from '../../../../shared/api/admin.schema';
import type { StaffClient } from '../api/staff-client';
import { useQuery } from '../components/use-action';
import { useStaffI18n, type StaffMessageKey } from '../i18n/staff-i18n';
import { AdminError } from './admin-error';
import { fetchRecipients } from './admin-endpoints';

export function RecipientsPreviewPanel({ client, channel, round }: { client: StaffClient; channel: AdminChannel; round: number }) {
  const { t, local } = useStaffI18n();
  const [category, setCategory] = useState<string>(channel.definition.categories[0]?.id ?? '');
  // `round` changes when membership or an absence changed: the preview asks again.
  const load = useCallback((signal: AbortSignal) => fetchRecipients(client, channel.id, category || null, signal), [client, channel.id, category, round]);
  const { data, error } = useQuery(load);
  return (
    <section className="editor-section" aria-labelledby="recipients-heading" data-testid="recipients-preview">
      <h3 id="recipients-heading">{t('adm.rcp.title')}</h3>
      <div className="field">
        <label className="field-label" htmlFor="recipients-category">
          {t('adm.rcp.category')}
        </label>
        <select id="recipients-category" value={category} onChange={(e) => setCategory(e.target.value)} data-testid="recipients-category">
          {channel.definition.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {local(c.label)}
            </option>
          ))}
        </select>
      </div>
      {error !== null && <AdminError error={error} />}
      {data && (
        <div aria-live="polite">
          <p data-testid="recipients-lead" data-reason={data.reason}>
            {data.lead ? t('adm.rcp.lead', { name: data.lead.displayName }) : t('adm.rcp.noLead')} {t(`adm.rcp.reason.${data.reason}` as StaffMessageKey)}
          </p>
          <p className="field-label">{t('adm.rcp.sealedTo', { n: data.sealedTo.length })}</p>
          {data.sealedTo.length === 0 ? (
            <p className="notice notice-warning">{t('adm.rcp.nobody')}</p>
          ) : (
            <ul data-testid="recipients-sealed">
              {data.sealedTo.map((r) => (
                <li key={r.id}>
                  {r.displayName}
                  {r.department ? ` · ${r.department}` : ''}
                  {r.supervisor ? ` · ${t('adm.people.supervisor')}` : ''}
                  {r.away ? ` · ${t('adm.rcp.away')}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
