/**
 * One officer seen from a channel: member or not, supervisor or not (saved through the staff
 * access API, PUT /staff/:id/access, which sets roles, department and channels together),
 * and an absence (PUT /admin/staff/:id/absence): while away, routing skips them.
 */
import { useState } from 'react';
import type { StaffSummary } from '../../../../shared/api/staff.schema';
import type { StaffClient } from '../api/staff-client';
import { setStaffAccess } from '../api/staff-endpoints';
import { localDay, startOfLocalDay } from '../components/local-day';
import { useAction } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { AdminError } from './admin-error';
import { setAbsence } from './admin-endpoints';

const startOf = (day: string) => (day === '' ? null : startOfLocalDay(day));

interface Props {
  client: StaffClient;
  channelId: string;
  staff: StaffSummary;
  onChanged(): void;
}

export function OfficerMembership({ client, channelId, staff, onChanged }: Props) {
  const { t } = useStaffI18n();
  const { busy, error, run } = useAction();
  const membership = staff.channels.find((c) => c.channelId === channelId);
  const [from, setFrom] = useState(localDay(staff.awayFrom));
  const [until, setUntil] = useState(localDay(staff.awayUntil));
  const [notice, setNotice] = useState<string | null>(null);
  const id = `officer-${staff.id}`;

  const setMember = async (member: boolean, supervisor: boolean) => {
    const others = staff.channels.filter((c) => c.channelId !== channelId);
    const channels = member ? [...others, { channelId, supervisor }] : others;
    if (await run(() => setStaffAccess(client, staff.id, { roles: staff.roles, department: staff.department, channels }))) {
      setNotice(t('admin.saved'));
      onChanged();
    }
  };
  const saveAbsence = async (clear: boolean) => {
    if (clear) {
      setFrom('');
      setUntil('');
    }
    const req = clear ? { awayFrom: null, awayUntil: null } : { awayFrom: startOf(from), awayUntil: startOf(until) };
    if (await run(() => setAbsence(client, staff.id, req))) {
      setNotice(clear ? t('adm.people.absenceCleared') : t('adm.people.absenceSaved'));
      onChanged();
    }
  };

  return (
    <li className="editor-card" data-testid="channel-officer" data-email={staff.email} data-member={membership !== undefined}>
      <p>
        <strong>{staff.displayName}</strong> <bdi dir="ltr">{staff.email}</bdi> — {t(`admin.status.${staff.status}`)}
        {staff.department ? ` · ${staff.department}` : ` · ${t('adm.people.noDepartment')}`}
      </p>
      <div className="field-row">
        <label className="choice inline-choice">
          <input type="checkbox" checked={membership !== undefined} disabled={busy} onChange={(e) => void setMember(e.target.checked, false)} data-testid="officer-member" />
          <span>{t('adm.people.member')}</span>
        </label>
        <label className="choice inline-choice">
          <input type="checkbox" checked={membership?.supervisor ?? false} disabled={busy || membership === undefined} onChange={(e) => void setMember(true, e.target.checked)} data-testid="officer-supervisor" />
          <span>{t('adm.people.supervisor')}</span>
        </label>
      </div>
      <fieldset className="field absence-field">
        <legend className="field-label">{t('adm.people.absence')}</legend>
        <p className="field-help">{t('adm.people.absenceHelp')}</p>
        <div className="field-row">
          <div className="field">
            <label className="field-label" htmlFor={`${id}-from`}>
              {t('adm.people.awayFrom')}
            </label>
            <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="absence-from" />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-until`}>
              {t('adm.people.awayUntil')}
            </label>
            <input id={`${id}-until`} type="date" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="absence-until" />
          </div>
        </div>
        <div className="form-actions">
          <button type="button" className="button-secondary" disabled={busy || (from === '' && until === '')} onClick={() => void saveAbsence(false)} data-testid="absence-save">
            {t('adm.people.absenceSave')}
          </button>
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void saveAbsence(true)} data-testid="absence-clear">
            {t('adm.people.absenceClear')}
          </button>
        </div>
      </fieldset>
      {notice && <p role="status">{notice}</p>}
      {error !== null && <AdminError error={error} />}
    </li>
  );
}
