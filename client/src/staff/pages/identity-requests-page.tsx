/**
 * Custodians decide officers' requests to see a reporter's disclosed identity. The reason is
 * opened here with the custodian's own key. Approving opens the custodian's copy of the case's
 * identity key and seals it to the requesting officer, in this browser: without a custodian's
 * key the server cannot give the identity to anyone (the two-person rule, by cryptography).
 */
import { useCallback, useEffect, useState } from 'react';
import type { IdentityRequestStatus, IdentityRequestView } from '../../../../shared/api/staff.schema';
import { IDENTITY_REQUEST_STATUSES } from '../../../../shared/api/staff.schema';
import { usePublicInfo } from '../../api/use-public-info';
import { useCrypto } from '../../crypto/crypto-context';
import { decideIdentityRequest, fetchIdentityRequests } from '../api/staff-endpoints';
import { channelOf, shortId } from '../case/case-format';
import { useAction, useQuery } from '../components/use-action';
import { resealIdentityKey } from '../crypto/case-keys';
import { openCustodianReason } from '../crypto/custodian-reason';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { useUnlocked } from '../staff-session';

function RequestItem({ request, onDecided }: { request: IdentityRequestView; onDecided(): void }) {
  const { t, local, formatDate } = useStaffI18n();
  const { client, keypair } = useUnlocked();
  const cryptoState = useCrypto();
  const info = usePublicInfo();
  const crypto = cryptoState.state === 'ready' ? cryptoState.crypto : null;
  const [reason, setReason] = useState<string | null | undefined>(undefined);
  const { busy, error, run } = useAction();

  useEffect(() => {
    if (!crypto || !request.sealedReason) return setReason(null);
    let live = true;
    void openCustodianReason(crypto, keypair, request.caseId, request.sealedReason).then((text) => live && setReason(text));
    return () => {
      live = false;
    };
  }, [crypto, keypair, request]);

  const canApprove = crypto !== null && request.wrappedIdentityKey !== null && request.requester.publicKey !== null;
  const decide = async (approve: boolean) => {
    if (!crypto) return;
    const done = await run(async () => {
      const wrappedIdentityKey =
        approve && request.wrappedIdentityKey && request.requester.publicKey ? resealIdentityKey(crypto, keypair, request.wrappedIdentityKey, request.requester.publicKey) : undefined;
      await decideIdentityRequest(client, request.id, approve ? { approve: true, wrappedIdentityKey } : { approve: false });
    });
    if (done) onDecided();
  };

  const channel = info.state === 'ready' ? channelOf(info.info.channels, request.channelId) : undefined;
  return (
    <li className="request-item" data-testid="identity-request-item" data-status={request.status}>
      <p>
        <strong>{t('custodian.request', { name: request.requester.displayName || shortId(request.requester.id), id: shortId(request.caseId) })}</strong>
        {' — '}
        {channel ? local(channel.definition.name) : request.channelId}, {formatDate(request.createdAt, true)}
      </p>
      <blockquote className="reason" dir="auto" data-testid="identity-request-reason">
        {reason === undefined ? t('custodian.opening') : (reason ?? t('custodian.reasonUnreadable'))}
      </blockquote>
      {request.status === 'pending' ? (
        <div className="form-actions">
          <button type="button" className="button-primary" disabled={busy || !canApprove} onClick={() => void decide(true)} data-testid="identity-approve">
            {t('custodian.approve')}
          </button>
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void decide(false)} data-testid="identity-refuse">
            {t('custodian.refuse')}
          </button>
          {!canApprove && <p className="field-help">{t('custodian.cannotApprove')}</p>}
        </div>
      ) : (
        <p className="muted">{t(`custodian.decided.${request.status}`, { date: request.decidedAt ? formatDate(request.decidedAt, true) : '' })}</p>
      )}
      {error !== null && <StaffError error={error} />}
    </li>
  );
}

export function IdentityRequestsPage() {
  const { t } = useStaffI18n();
  const { client } = useUnlocked();
  const [status, setStatus] = useState<IdentityRequestStatus>('pending');
  const list = useQuery(useCallback((signal: AbortSignal) => fetchIdentityRequests(client, status, signal), [client, status]));
  const requests = list.data?.requests ?? null;
  const { error, reload: load } = list;

  return (
    <section className="page" data-testid="identity-requests-page">
      <h1>{t('custodian.title')}</h1>
      <p>{t('custodian.intro')}</p>
      <div className="tabs" role="group" aria-label={t('custodian.filter')}>
        {IDENTITY_REQUEST_STATUSES.map((s) => (
          <button key={s} type="button" className="language-option tab" aria-pressed={s === status} onClick={() => setStatus(s)} data-testid={`identity-tab-${s}`}>
            {t(`custodian.tab.${s}`)}
          </button>
        ))}
      </div>
      {error !== null && <StaffError error={error} />}
      {requests === null ? null : requests.length === 0 ? (
        <p className="muted">{t('custodian.none')}</p>
      ) : (
        <ul className="plain-list">
          {requests.map((r) => (
            <RequestItem key={r.id} request={r} onDecided={load} />
          ))}
        </ul>
      )}
    </section>
  );
}
