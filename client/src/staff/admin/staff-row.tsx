/**
 * One staff account for an administrator: its roles and channels (editable), a new
 * invitation while it waits for activation, and deactivation, which keeps the account's
 * history and audit trail but ends its sessions and removes it from every channel.
 */
import { useState } from 'react';
import type { PublicChannel } from '../../../../shared/api/channel.schema';
/** what the account forms need of a channel: the public list and the admin list both have it */
type ChannelRef = Pick<PublicChannel, 'id' | 'slug' | 'definition'>;
import type { StaffSummary } from '../../../../shared/api/staff.schema';
import type { StaffClient } from '../api/staff-client';
import { deactivateStaff, resendInvite, setStaffAccess } from '../api/staff-endpoints';
import { useAction } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { AccessFields, type AccessValue } from './access-fields';

interface Props {
  client: StaffClient;
  staff: StaffSummary;
  channels: ChannelRef[];
  isMe: boolean;
  onChanged(): void;
}

export function StaffRow({ client, staff, channels, isMe, onChanged }: Props) {
  const { t, local, formatDate } = useStaffI18n();
  const [editing, setEditing] = useState<AccessValue | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const act = async (action: () => Promise<unknown>, done: string) => {
    setNotice(null);
    if (!(await run(action))) return;
    setNotice(done);
    setEditing(null);
    setConfirming(false);
    onChanged();
  };
  const channelName = (id: string) => {
    const c = channels.find((x) => x.id === id);
    return c ? local(c.definition.name) : id;
  };
  const active = staff.status !== 'deactivated';

  return (
    <li className="staff-row" data-testid="staff-row" data-email={staff.email} data-status={staff.status}>
      <p>
        <strong>{staff.displayName}</strong> <bdi dir="ltr">{staff.email}</bdi> — {t(`admin.status.${staff.status}`)} · {t('admin.since', { date: formatDate(staff.createdAt) })}
      </p>
      <p className="muted">
        {staff.roles.map((r) => t(`role.${r}`)).join(', ')}
        {staff.department ? ` · ${staff.department}` : ''}
        {staff.channels.length > 0 && ` · ${staff.channels.map((c) => `${channelName(c.channelId)}${c.supervisor ? ` (${t('admin.supervisor')})` : ''}`).join(', ')}`}
      </p>
      {editing && (
        <div className="staff-edit">
          <AccessFields value={editing} channels={channels} onChange={setEditing} disabled={busy} testId={`access-${staff.id}`} />
          <button
            type="button"
            className="button-primary"
            disabled={busy || editing.roles.length === 0}
            onClick={() => void act(() => setStaffAccess(client, staff.id, { roles: editing.roles, department: editing.department.trim() || null, channels: editing.channels }), t('admin.saved'))}
            data-testid="access-save"
          >
            {t('admin.save')}
          </button>
        </div>
      )}
      {active && (
        <div className="form-actions">
          {!editing && (
            <button type="button" className="button-secondary" onClick={() => setEditing({ roles: staff.roles, department: staff.department ?? '', channels: staff.channels })} data-testid="access-edit">
              {t('admin.editAccess')}
            </button>
          )}
          {staff.status === 'invited' && (
            <button type="button" className="button-secondary" disabled={busy} onClick={() => void act(() => resendInvite(client, staff.id), t('admin.resent'))}>
              {t('admin.resend')}
            </button>
          )}
          {!isMe &&
            (confirming ? (
              <button type="button" className="button-primary danger" disabled={busy} onClick={() => void act(() => deactivateStaff(client, staff.id), t('admin.deactivated'))} data-testid="deactivate-confirm">
                {t('admin.deactivateConfirm', { name: staff.displayName })}
              </button>
            ) : (
              <button type="button" className="button-secondary" onClick={() => setConfirming(true)} data-testid="deactivate">
                {t('admin.deactivate')}
              </button>
            ))}
        </div>
      )}
      {notice && <p role="status">{notice}</p>}
      {error !== null && <StaffError error={error} />}
    </li>
  );
}
