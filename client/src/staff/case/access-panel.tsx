/**
 * Who holds this case's keys, every grant visible, and giving access to another officer of
 * the channel: the case key (and the notes key, if chosen) are sealed here to that officer's
 * public key. A transfer is the same grant that also makes them the lead officer.
 */
import { useId, useState, type FormEvent } from 'react';
import type { CaseOfficersResponse, CaseViewResponse } from '../../../../shared/api/staff.schema';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import type { StaffClient } from '../api/staff-client';
import { grantAccess } from '../api/staff-endpoints';
import { useAction } from '../components/use-action';
import { grantKeys, type CaseKeySet } from '../crypto/case-keys';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';

type Officer = CaseOfficersResponse['officers'][number];

interface Props {
  crypto: AmanaCrypto;
  client: StaffClient;
  view: CaseViewResponse;
  keys: CaseKeySet;
  officers: Officer[];
  meId: string;
  nameOf(id: string | null): string;
  onChanged(): void;
}

export function AccessPanel({ crypto, client, view, keys, officers, meId, nameOf, onChanged }: Props) {
  const { t, formatDate } = useStaffI18n();
  const id = useId();
  const candidates = officers.filter((o) => o.id !== meId);
  const [granteeId, setGranteeId] = useState('');
  const [withNotes, setWithNotes] = useState(true);
  const [transfer, setTransfer] = useState(false);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const grantee = candidates.find((o) => o.id === granteeId);
    if (!grantee) return;
    setDone(false);
    const granted = await run(() => grantAccess(client, view.case.id, { staffId: grantee.id, keys: grantKeys(crypto, keys, grantee.publicKey, withNotes), transfer }));
    setDone(granted);
    if (granted) onChanged();
  };

  return (
    <div data-testid="access-panel">
      {/* On a phone the side column is the screen's width: the table scrolls, in a region the keyboard reaches. */}
      <div className="table-scroll" role="region" aria-label={t('case.access')} tabIndex={0}>
      <table className="staff-table">
        <thead>
          <tr>
            <th scope="col">{t('access.who')}</th>
            <th scope="col">{t('access.key')}</th>
            <th scope="col">{t('access.grantedBy')}</th>
            <th scope="col">{t('access.when')}</th>
          </tr>
        </thead>
        <tbody>
          {view.access.map((a) => (
            <tr key={`${a.staffId}-${a.kind}`} data-testid="access-row">
              <td>{nameOf(a.staffId)}</td>
              <td>{t(`key.${a.kind}`)}</td>
              <td>{a.grantedBy ? nameOf(a.grantedBy) : t('access.byReporter')}</td>
              <td>{formatDate(a.createdAt, true)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {candidates.length === 0 ? (
        <p className="muted">{t('access.noOfficers')}</p>
      ) : (
        <form onSubmit={submit} noValidate data-testid="grant-form">
          <div className="field">
            <label className="field-label" htmlFor={`${id}-who`}>
              {t('access.grantTo')}
            </label>
            <select id={`${id}-who`} value={granteeId} onChange={(e) => setGranteeId(e.target.value)} disabled={busy} data-testid="grant-officer">
              <option value="">{t('access.choose')}</option>
              {candidates.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.displayName}
                  {o.department ? ` — ${o.department}` : ''}
                  {o.holds.includes('case') ? ` (${t('access.holds')})` : ''}
                </option>
              ))}
            </select>
          </div>
          <label className="choice">
            <input type="checkbox" checked={withNotes && keys.notesKey !== null} disabled={busy || keys.notesKey === null} onChange={(e) => setWithNotes(e.target.checked)} />
            <span>{t('access.withNotes')}</span>
          </label>
          <label className="choice">
            <input type="checkbox" checked={transfer} disabled={busy} onChange={(e) => setTransfer(e.target.checked)} data-testid="grant-transfer" />
            <span>{t('access.transfer')}</span>
          </label>
          {error !== null && <StaffError error={error} />}
          {done && <p role="status">{t('access.done')}</p>}
          <button type="submit" className="button-secondary" disabled={busy || granteeId === ''} data-testid="grant-submit">
            {transfer ? t('access.submitTransfer') : t('access.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
