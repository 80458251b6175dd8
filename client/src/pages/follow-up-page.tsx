/**
 * Following a report with its receipt code. The session token and the case key live in
 * this component's state: closing the report, leaving the page or reloading forgets them.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiFailure } from '../api/http';
import { usePublicInfo } from '../api/use-public-info';
import { ErrorMessage } from '../components/error-message';
import { useCrypto } from '../crypto/crypto-context';
import { CaseView } from '../follow-up/case-view';
import { refreshCase, startSession, type OpenSession, type OpenedCase } from '../follow-up/open-case';
import { ReceiptForm } from '../follow-up/receipt-form';
import { useI18n, type MessageKey } from '../i18n/i18n';
import './follow-up-page.css';

interface Open {
  session: OpenSession;
  opened: OpenedCase;
  /** from the first answer of this session: later reads would show this session itself */
  previousAccessAt: string | null;
}

const SESSION_ENDED = new Set(['unauthenticated', 'session_invalid', 'session_expired']);

export function FollowUpPage() {
  const { t } = useI18n();
  const info = usePublicInfo();
  const cryptoState = useCrypto();
  const [open, setOpen] = useState<Open | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const crypto = cryptoState.state === 'ready' ? cryptoState.crypto : null;

  // The case key is wiped when the case is closed or the page left.
  const caseKey = open?.session.caseKey;
  useEffect(
    () => () => {
      caseKey?.fill(0);
    },
    [caseKey],
  );
  useEffect(() => heading.current?.focus(), [open === null]);

  if (info.state === 'loading' || cryptoState.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (info.state === 'failed') return <ErrorMessage error={info.error} onRetry={info.reload} />;
  if (!crypto) return <ErrorMessage messageKey="backend.failed" />;

  const close = (why: MessageKey | null) => {
    setOpen(null);
    setError(null);
    setNotice(why);
  };

  const handleError = (err: unknown) => {
    if (err instanceof ApiFailure && SESSION_ENDED.has(err.id)) close('followUp.expired');
  };

  const openCase = async (digits: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const { session, opened } = await startSession(crypto, digits, info.info.installation);
      setOpen({ session, opened, previousAccessAt: opened.data.previousAccessAt });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const refresh = async () => {
    if (!open) return;
    setError(null);
    try {
      const opened = await refreshCase(crypto, open.session);
      setOpen((current) => (current ? { ...current, opened } : current));
    } catch (err) {
      if (err instanceof ApiFailure && SESSION_ENDED.has(err.id)) close('followUp.expired');
      else setError(err);
    }
  };

  return (
    <section className="page follow-up-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('followUp.title')}
      </h1>
      {open && error !== null && <ErrorMessage error={error} testId="follow-up-refresh-error" />}
      {open ? (
        <CaseView
          crypto={crypto}
          info={info.info}
          session={open.session}
          opened={open.opened}
          previousAccessAt={open.previousAccessAt}
          onRefresh={refresh}
          onError={handleError}
          onClose={() => close(null)}
        />
      ) : (
        <ReceiptForm busy={busy} error={error} notice={notice} onOpen={openCase} />
      )}
    </section>
  );
}
