/** The published versions of a channel: when, by whom, and how many reports answered each. */
import { useCallback } from 'react';
import type { AdminChannel } from '../../../../shared/api/admin.schema';
import type { StaffClient } from '../api/staff-client';
import { useQuery } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { AdminError } from './admin-error';
import { fetchChannelVersions } from './admin-endpoints';

export function ChannelVersions({ client, channel }: { client: StaffClient; channel: AdminChannel }) {
  const { t, formatDate } = useStaffI18n();
  const { data, error } = useQuery(useCallback((signal: AbortSignal) => fetchChannelVersions(client, channel.id, signal), [client, channel.id, channel.version]));
  return (
    <section className="editor-section" aria-labelledby="versions-heading" data-testid="channel-versions">
      <h3 id="versions-heading">{t('adm.ver.title')}</h3>
      <p className="field-help">{t('adm.ver.help')}</p>
      {error !== null && <AdminError error={error} />}
      {data && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('adm.ver.version')}</th>
                <th scope="col">{t('adm.ver.published')}</th>
                <th scope="col">{t('adm.ver.by')}</th>
                <th scope="col">{t('adm.ver.cases')}</th>
              </tr>
            </thead>
            <tbody>
              {[...data.versions].sort((a, b) => b.version - a.version).map((v) => (
                <tr key={v.version} data-testid="channel-version" data-version={v.version}>
                  <td>{v.version === channel.version ? t('adm.ver.current', { v: v.version }) : v.version}</td>
                  <td>{formatDate(v.publishedAt, true)}</td>
                  <td>{v.publishedBy ?? t('adm.ver.seed')}</td>
                  <td>{v.cases}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
