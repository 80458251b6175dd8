/**
 * Moving a case forward: received -> acknowledged -> under investigation -> closed with an
 * outcome (an acknowledged case may be closed at once, e.g. as inadmissible). Every change
 * carries a reason, encrypted under the case key: the reporter sees the change and can read
 * the reason with their receipt.
 */
import { useId, useState, type FormEvent } from 'react';
import { CASE_OUTCOMES } from '../../../../shared/api/common.schema';
import type { CaseMeta, StatusChangeRequest } from '../../../../shared/api/staff.schema';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import { REASON_MAX_CHARS, sealReason } from '../../crypto/case-reason';
import type { StaffClient } from '../api/staff-client';
import { changeStatus } from '../api/staff-endpoints';
import { useAction } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';

type Target = StatusChangeRequest['status'];
type Outcome = (typeof CASE_OUTCOMES)[number];

const NEXT: Record<CaseMeta['status'], Target[]> = {
  received: ['acknowledged'],
  acknowledged: ['investigating', 'closed'],
  investigating: ['closed'],
  closed: [],
};

interface Props {
  crypto: AmanaCrypto;
  client: StaffClient;
  meta: CaseMeta;
  caseKey: Uint8Array;
  onChanged(): void;
}

export function StatusForm({ crypto, client, meta, caseKey, onChanged }: Props) {
  const { t, tr } = useStaffI18n();
  const id = useId();
  const options = NEXT[meta.status];
  const [target, setTarget] = useState<Target | ''>(options[0] ?? '');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, error, run } = useAction();
  if (options.length === 0) return <p className="muted">{t('status.final')}</p>;
  const selected: Target = target === '' || !options.includes(target) ? options[0]! : target;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const incomplete = reason.trim() === '' || (selected === 'closed' && outcome === '');
    setMissing(incomplete);
    if (incomplete) return;
    const done = await run(() => {
      const sealed = sealReason(crypto, caseKey, { kind: 'status', status: selected }, reason.trim());
      return changeStatus(client, meta.id, { status: selected, reason: sealed, ...(selected === 'closed' && outcome !== '' ? { outcome } : {}) });
    });
    if (!done) return;
    setReason('');
    onChanged();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="status-form">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-status`}>
          {t('status.next')}
        </label>
        <select id={`${id}-status`} value={selected} onChange={(e) => setTarget(e.target.value as Target)} disabled={busy} data-testid="status-target">
          {options.map((s) => (
            <option key={s} value={s}>
              {tr(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {selected === 'closed' && (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-outcome`}>
            {t('status.outcome')}
          </label>
          <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome | '')} disabled={busy} data-testid="status-outcome">
            <option value="">{t('status.chooseOutcome')}</option>
            {CASE_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {tr(`outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-reason`}>
          {t('status.reason')}
        </label>
        <p className="field-help">{t('status.reasonHelp')}</p>
        <textarea id={`${id}-reason`} rows={3} dir="auto" spellCheck={false} autoComplete="off" maxLength={REASON_MAX_CHARS} value={reason} onChange={(e) => setReason(e.target.value)} disabled={busy} data-testid="status-reason" />
      </div>
      {missing && <p className="field-error" role="alert">{t('status.missing')}</p>}
      {error !== null && <StaffError error={error} testId="status-error" />}
      <button type="submit" className="button-primary" disabled={busy} data-testid="status-submit">
        {t('status.submit')}
      </button>
    </form>
  );
}
