/**
 * Shown once, right after sending. The receipt code exists only in memory: this page is
 * the reporter's one chance to copy it, so leaving is refused until they confirm.
 */
import { useEffect, useRef, useState } from 'react';
import { ReceiptCode } from '../components/receipt-code';
import { useI18n } from '../i18n/i18n';
import { Link, useLeaveGuard, useRouter } from '../router/router';
import './receipt-page.css';

export interface SentReport {
  /** 20 ASCII digits */
  receipt: string;
  acknowledgeBy: string;
  feedbackBy: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

function useCopy(text: string): [CopyState, () => void] {
  const [state, setState] = useState<CopyState>('idle');
  const copy = () => {
    // navigator.clipboard needs a secure context; Tor Browser treats .onion as one.
    if (!navigator.clipboard) {
      setState('failed');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return [state, copy];
}

function Receipt({ sent, onDone }: { sent: SentReport; onDone(): void }) {
  const { t, formatDate } = useI18n();
  const { navigate } = useRouter();
  const [saved, setSaved] = useState(false);
  const [warned, setWarned] = useState(false);
  const [copy, doCopy] = useCopy(sent.receipt);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useLeaveGuard(!saved, () => {
    setWarned(true);
    return true;
  });

  const finish = () => {
    if (!saved) {
      setWarned(true);
      return;
    }
    onDone();
    navigate('/');
  };

  return (
    <section className="page receipt-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('receipt.title')}
      </h1>
      <p>{t('receipt.intro')}</p>
      <div className="receipt-box">
        <p className="receipt-label" id="receipt-label">
          {t('receipt.label')}
        </p>
        <p className="receipt-value" aria-labelledby="receipt-label">
          <ReceiptCode digits={sent.receipt} testId="receipt-text" />
        </p>
        <button type="button" className="button-secondary" onClick={doCopy} data-testid="receipt-copy">
          {t('receipt.copy')}
        </button>
        <p role="status" aria-live="polite" className="copy-state">
          {copy === 'copied' ? t('receipt.copied') : copy === 'failed' ? t('receipt.copyFailed') : ''}
        </p>
      </div>
      <p className="notice notice-warning">{t('receipt.warning')}</p>
      <p>{t('receipt.deadlines', { ack: formatDate(sent.acknowledgeBy), feedback: formatDate(sent.feedbackBy) })}</p>
      <label className="choice confirm-saved">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} required data-testid="receipt-saved" />
        <span>{t('receipt.saved')}</span>
      </label>
      {warned && !saved && (
        <p className="notice notice-error" role="alert" data-testid="receipt-must-confirm">
          {t('receipt.mustConfirm')}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button-primary" onClick={finish} aria-disabled={!saved} data-testid="receipt-done">
          {t('receipt.done')}
        </button>
      </div>
    </section>
  );
}

export function ReceiptPage({ sent, onDone }: { sent: SentReport | null; onDone(): void }) {
  const { t } = useI18n();
  if (!sent) {
    return (
      <section className="page">
        <p data-testid="receipt-none">{t('receipt.none')}</p>
        <Link to="/">{t('nav.home')}</Link>
      </section>
    );
  }
  return <Receipt sent={sent} onDone={onDone} />;
}
