/**
 * The identity a reporter disclosed. It is sealed to the custodians only; an officer who
 * needs it asks with a reason, which is sealed to each custodian holding the identity key
 * (and kept, under the case key, in the history). Once a custodian approves, their browser
 * seals the identity key to this officer and the identity opens here.
 */
import { useId, useState, type FormEvent } from 'react';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import { REASON_MAX_CHARS, sealReason } from '../../crypto/case-reason';
import type { StaffClient } from '../api/staff-client';
import { requestIdentity } from '../api/staff-endpoints';
import { useAction } from '../components/use-action';
import { sealReasonToCustodian } from '../crypto/custodian-reason';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import type { OpenedStaffCase } from './decrypt-case';

interface Props {
  crypto: AmanaCrypto;
  client: StaffClient;
  opened: OpenedStaffCase;
  meId: string;
  onChanged(): void;
}

export function IdentityPanel({ crypto, client, opened, meId, onChanged }: Props) {
  const { t, formatDate } = useStaffI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const { view, identity } = opened;

  if (identity === 'none') return <p className="muted" data-testid="identity-none">{t('identity.none')}</p>;
  if (identity === null) return <p className="notice notice-error">{t('case.undecryptable')}</p>;
  if (identity !== 'locked') {
    return (
      <dl className="review" data-testid="identity-shown">
        <dt>{t('identity.name')}</dt>
        <dd dir="auto">{identity.name}</dd>
        <dt>{t('identity.contact')}</dt>
        <dd dir="auto">{identity.contact}</dd>
        <dt>{t('identity.details')}</dt>
        <dd dir="auto">{identity.details}</dd>
      </dl>
    );
  }

  const mine = view.identityRequests.filter((r) => r.requesterId === meId);
  const pending = mine.some((r) => r.status === 'pending');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (text === '') return;
    const done = await run(async () => {
      const custodianReasons = await Promise.all(
        view.custodians.filter((c) => c.id !== meId).map(async (c) => ({ custodianId: c.id, sealed: await sealReasonToCustodian(crypto, c.publicKey, view.case.id, text) })),
      );
      await requestIdentity(client, view.case.id, { reason: sealReason(crypto, opened.keys.caseKey, { kind: 'identity_request' }, text), custodianReasons });
    });
    if (!done) return;
    setReason('');
    onChanged();
  };

  return (
    <div data-testid="identity-locked">
      <p>{t('identity.locked')}</p>
      {mine.length > 0 && (
        <ul>
          {mine.map((r) => (
            <li key={r.id} data-testid="identity-request" data-status={r.status}>
              {t(`identity.request.${r.status}`, { date: formatDate(r.createdAt, true) })}
            </li>
          ))}
        </ul>
      )}
      {view.custodians.length === 0 ? (
        <p className="notice notice-warning">{t('identity.noCustodian')}</p>
      ) : (
        !pending && (
          <form onSubmit={submit} noValidate data-testid="identity-request-form">
            <div className="field">
              <label className="field-label" htmlFor={id}>
                {t('identity.reason')}
              </label>
              <p className="field-help">{t('identity.reasonHelp')}</p>
              <textarea id={id} rows={3} dir="auto" spellCheck={false} autoComplete="off" maxLength={REASON_MAX_CHARS} value={reason} onChange={(e) => setReason(e.target.value)} disabled={busy} data-testid="identity-reason" />
            </div>
            {error !== null && <StaffError error={error} />}
            <button type="submit" className="button-secondary" disabled={busy || reason.trim() === ''} data-testid="identity-request-submit">
              {t('identity.ask')}
            </button>
          </form>
        )
      )}
    </div>
  );
}
