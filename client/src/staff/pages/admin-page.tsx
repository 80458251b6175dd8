/**
 * Administration: staff accounts (invite, roles and channels, deactivation), the audit log
 * and failed jobs. An administrator reads no case here: case content needs an officer's key.
 */
import { useCallback, useState } from 'react';
import { AuditBrowser } from '../admin/audit-browser';
import { DeadJobs } from '../admin/dead-jobs';
import { InviteForm } from '../admin/invite-form';
import { StaffRow } from '../admin/staff-row';
import { fetchStaff } from '../api/staff-endpoints';
import { fetchAdminChannels } from '../admin/admin-endpoints';
import { AdminNav } from '../admin/admin-nav';
import { staffName } from '../case/case-format';
import { useQuery } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { useUnlocked } from '../staff-session';

type Tab = 'staff' | 'audit' | 'jobs';
const TABS: Tab[] = ['staff', 'audit', 'jobs'];

export function AdminPage() {
  const { t } = useStaffI18n();
  const { client, me } = useUnlocked();
  // The admin list, not the public one: a channel switched off or nobody reads yet is one to staff.
  const channelList = useQuery(useCallback((signal: AbortSignal) => fetchAdminChannels(client, signal), [client]));
  const channels = channelList.data?.channels ?? [];
  const [tab, setTab] = useState<Tab>('staff');
  const accounts = useQuery(useCallback((signal: AbortSignal) => fetchStaff(client, signal), [client]));
  const staff = accounts.data?.staff ?? [];
  const { error, reload: load } = accounts;
  const nameOf = (id: string | null) => staffName(id, me, staff, t('case.you'));

  return (
    <section className="page staff-admin" data-testid="admin-page">
      <AdminNav />
      <h1>{t('admin.title')}</h1>
      <div className="tabs" role="group" aria-label={t('admin.title')}>
        {TABS.map((name) => (
          <button key={name} type="button" className="language-option tab" aria-pressed={tab === name} onClick={() => setTab(name)} data-testid={`admin-tab-${name}`}>
            {t(`admin.tab.${name}`)}
          </button>
        ))}
      </div>
      {error !== null && <StaffError error={error} />}
      {channelList.error !== null && <StaffError error={channelList.error} />}
      {tab === 'staff' && (
        <>
          <InviteForm client={client} channels={channels} onInvited={load} />
          <h2>{t('admin.accounts')}</h2>
          <ul className="plain-list" data-testid="staff-list">
            {staff.map((s) => (
              <StaffRow key={s.id} client={client} staff={s} channels={channels} isMe={s.id === me.id} onChanged={load} />
            ))}
          </ul>
        </>
      )}
      {tab === 'audit' && <AuditBrowser client={client} nameOf={nameOf} />}
      {tab === 'jobs' && <DeadJobs client={client} />}
    </section>
  );
}
