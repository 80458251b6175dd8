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
      <div className="receipt-box receipt-printed">
        <p className="receipt-label" id="receipt-label">
          {t('receipt.label')}
        </p>
        <p className="receipt-value" aria-labelledby="receipt-label">
          <ReceiptCode digits={sent.receipt} testId="receipt-text" />
        </p>
        <div className="receipt-actions no-print">
          <button type="button" className="button-primary" onClick={() => window.print()} data-testid="receipt-print">
            {t('receipt.print')}
          </button>
          <button type="button" className="button-secondary" onClick={doCopy} aria-describedby="receipt-copy-note" data-testid="receipt-copy">
            {t('receipt.copy')}
          </button>
        </div>
        <p role="status" aria-live="polite" className="copy-state no-print">
          {copy === 'copied' ? t('receipt.copied') : copy === 'failed' ? t('receipt.copyFailed') : ''}
        </p>
      </div>
      <section className="receipt-advice receipt-printed" aria-labelledby="receipt-advice-title" data-testid="receipt-advice">
        <h2 id="receipt-advice-title">{t('receipt.adviceTitle')}</h2>
        <ul>
          <li>{t('receipt.advicePaper')}</li>
          <li>{t('receipt.adviceScreenshot')}</li>
          <li id="receipt-copy-note">{t('receipt.adviceClipboard')}</li>
          <li>{t('receipt.advicePrint')}</li>
        </ul>
        <p className="notice notice-warning">{t('receipt.warning')}</p>
      </section>
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
