/**
 * Writing a report: the form, then a review of everything, then sending. The draft lives
 * in this component's state only; leaving the page asks first, because nothing is saved.
 */
import { useEffect, useRef, useState } from 'react';
import type { PublicChannel, PublicInstallation } from '../../../shared/api/channel.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import { usePublicInfo } from '../api/use-public-info';
import { describe, useAttachments } from '../attachments/use-attachments';
import { ErrorMessage } from '../components/error-message';
import { useCrypto } from '../crypto/crypto-context';
import { useI18n } from '../i18n/i18n';
import { Link, useLeaveGuard } from '../router/router';
import { emptyDraft, validateDraft, type Draft, type FieldError } from '../report/draft';
import type { AttachmentDescriptor } from '../../../shared/protocol/report-body';
import { ReportForm } from '../report/report-form';
import { ReviewStep } from '../report/review-step';
import { SendingStep } from '../report/sending-step';
import { sendReport, type SendProgress } from '../report/submit-report';
import type { SentReport } from './receipt-page';
import { solveAhead, stopAhead } from '../report/pow-ahead';
import './report-page.css';

interface FlowProps {
  channel: PublicChannel;
  installation: PublicInstallation;
  crypto: AmanaCrypto | null;
  onSent(sent: SentReport): void;
}

type Step = 'form' | 'review' | 'sending';

function ReportFlow({ channel, installation, crypto, onSent }: FlowProps) {
  const { t, local, lang } = useI18n();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [step, setStep] = useState<Step>('form');
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const [notice, setNotice] = useState<'errors' | 'uploads' | null>(null);
  const [progress, setProgress] = useState<SendProgress | null>(null);
  const [sendError, setSendError] = useState<unknown>(null);
  const attachments = useAttachments({ crypto, installation, maxFiles: installation.limits.attachmentsPerReport });
  const heading = useRef<HTMLHeadingElement>(null);
  const finished = useRef(false);
  const aborter = useRef<AbortController | null>(null);

  const dirty = draft.category !== '' || Object.keys(draft.answers).length > 0 || attachments.items.length > 0;
  useLeaveGuard(dirty, () => !finished.current && !window.confirm(t('report.leaveConfirm')));
  useEffect(() => heading.current?.focus(), [step]);
  useEffect(() => () => aborter.current?.abort(), []);
  // The proof of work is solved while the reporter writes, so "Send" does not wait for it.
  useEffect(() => {
    solveAhead();
    return stopAhead;
  }, []);

  const filesFor = (questionId: string) => attachments.items.filter((i) => i.questionId === questionId && i.status === 'done').length;

  const review = () => {
    const found = validateDraft({ definition: channel.definition, draft, officers: channel.officers, filesFor });
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setNotice('errors');
      // The first invalid control gets focus, so keyboard and screen-reader users land on it.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    if (attachments.busy) {
      setNotice('uploads');
      return;
    }
    setNotice(null);
    setStep('review');
  };

  const send = async () => {
    if (!crypto) return;
    const descriptors = attachments.items.map(describe).filter((d): d is AttachmentDescriptor => d !== null);
    const controller = new AbortController();
    aborter.current = controller;
    setSendError(null);
    setStep('sending');
    try {
      const result = await sendReport({ crypto, installation, channel, draft, language: lang, attachments: descriptors, onProgress: setProgress, signal: controller.signal });
      finished.current = true;
      onSent({ receipt: result.receipt, acknowledgeBy: result.response.acknowledgeBy, feedbackBy: result.response.feedbackBy });
    } catch (err) {
      if (controller.signal.aborted) return;
      setSendError(err);
      setStep('review');
    }
  };

  const title = step === 'form' ? local(channel.definition.name) : step === 'review' ? t('review.title') : t('send.title');
  return (
    <section className="page report-page">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {step === 'form' && (
        <>
          <p className="lead">{local(channel.definition.description)}</p>
          <p>{t('report.intro')}</p>
          {notice && (
            <div className="notice notice-error" role="alert" data-testid="form-notice">
              {t(notice === 'errors' ? 'report.fixErrors' : 'report.waitUploads')}
            </div>
          )}
          <ReportForm
            channel={channel}
            installation={installation}
            draft={draft}
            errors={errors}
            attachments={attachments}
            cryptoReady={crypto !== null}
            onChange={setDraft}
            onSubmit={review}
          />
        </>
      )}
      {step === 'review' && (
        <>
          <p>{t('review.intro')}</p>
          {sendError !== null && (
            <div role="alert">
              <p className="notice notice-error">{t('send.failed')}</p>
              <ErrorMessage error={sendError} testId="send-error" />
            </div>
          )}
          <ReviewStep channel={channel} installation={installation} draft={draft} files={attachments.items} />
          <div className="form-actions">
            <button type="button" className="button-secondary" onClick={() => setStep('form')} data-testid="edit-button">
              {t('review.edit')}
            </button>
            <button type="button" className="button-primary" onClick={send} disabled={!crypto} data-testid="submit-button">
              {t('review.send')}
            </button>
          </div>
        </>
      )}
      {step === 'sending' && <SendingStep progress={progress} />}
    </section>
  );
}

export function ReportPage({ channelSlug, onSent }: { channelSlug: string; onSent(sent: SentReport): void }) {
  const { t } = useI18n();
  const info = usePublicInfo();
  const crypto = useCrypto();
  if (info.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (info.state === 'failed') return <ErrorMessage error={info.error} onRetry={info.reload} />;
  const channel = info.info.channels.find((c) => c.slug === channelSlug);
  const message = !channel ? t('report.notFound') : !channel.available ? t('report.unavailable') : crypto.state === 'failed' ? t('backend.failed') : null;
  if (!channel || message) {
    return (
      <section className="page">
        <p className="notice notice-error" role="alert" data-testid="report-unavailable">
          {message}
        </p>
        <Link to="/">{t('nav.home')}</Link>
      </section>
    );
  }
  return <ReportFlow channel={channel} installation={info.info.installation} crypto={crypto.state === 'ready' ? crypto.crypto : null} onSent={onSent} />;
}
