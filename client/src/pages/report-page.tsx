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
import { OtherChannels } from '../components/other-channels';
import { useCrypto } from '../crypto/crypto-context';
import { useI18n } from '../i18n/i18n';
import { Link, useLeaveGuard } from '../router/router';
import { emptyDraft, maxLengthOf, validateDraft, IDENTITY_MAX, type Draft, type FieldError } from '../report/draft';
import { ErrorSummary, type SummaryItem } from '../report/error-summary';
import { fieldErrorMessage, fieldTargetId } from '../report/question-field';
import type { AttachmentDescriptor } from '../../../shared/protocol/report-body';
import { ReportForm } from '../report/report-form';
import { ReviewStep } from '../report/review-step';
import { SendingStep } from '../report/sending-step';
import { sendReport, type PendingSubmission, type SendProgress } from '../report/submit-report';
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
  const [notice, setNotice] = useState<'uploads' | null>(null);
  // bumped on every refused review, so the error summary takes focus each time
  const [summaryFocus, setSummaryFocus] = useState(0);
  const [progress, setProgress] = useState<SendProgress | null>(null);
  const [sendError, setSendError] = useState<unknown>(null);
  const attachments = useAttachments({ crypto, installation, maxFiles: installation.limits.attachmentsPerReport });
  const heading = useRef<HTMLHeadingElement>(null);
  const finished = useRef(false);
  const aborter = useRef<AbortController | null>(null);
  // The encrypted submission and its receipt, kept in memory until the server confirmed them.
  const pending = useRef<PendingSubmission>({ current: null });
  const [resend, setResend] = useState(false);

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
  const validate = () => validateDraft({ definition: channel.definition, draft, officers: channel.officers, filesFor });

  // An error shown goes as soon as its field is right; no new error appears before the next review.
  useEffect(() => {
    setErrors((shown) => {
      if (Object.keys(shown).length === 0) return shown;
      const now = validate();
      const kept = Object.fromEntries(Object.entries(shown).flatMap(([field]) => (now[field] ? [[field, now[field]]] : [])));
      return Object.keys(kept).length === Object.keys(shown).length && Object.entries(kept).every(([k, v]) => shown[k] === v) ? shown : kept;
    });
    // validate() reads the draft and the uploaded files, which are the dependencies.
  }, [draft, attachments.items]);

  const summary: SummaryItem[] = Object.entries(errors).map(([field, error]) => {
    const question = channel.definition.questionnaire.find((q) => q.id === field);
    if (question) return { targetId: question.type === 'file' ? `q-${question.id}` : fieldTargetId(question), label: local(question.label), message: fieldErrorMessage(t, error, maxLengthOf(question)) };
    if (field === 'excluded') return { targetId: `exclude-${channel.officers[0]?.id ?? ''}`, label: t('report.exclude.title'), message: fieldErrorMessage(t, error) };
    if (field === 'identity') return { targetId: 'identity-name', label: t('report.identity.title'), message: fieldErrorMessage(t, error, IDENTITY_MAX) };
    return { targetId: 'report-category', label: t('report.category'), message: fieldErrorMessage(t, error) };
  });

  const review = () => {
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setNotice(null);
      setSummaryFocus((n) => n + 1);
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
      const result = await sendReport({ crypto, installation, channel, draft, language: lang, attachments: descriptors, onProgress: setProgress, signal: controller.signal }, pending.current);
      finished.current = true;
      setResend(false);
      onSent({ receipt: result.receipt, acknowledgeBy: result.response.acknowledgeBy, feedbackBy: result.response.feedbackBy });
    } catch (err) {
      if (controller.signal.aborted) return;
      // A submission that may have been stored is offered again as it is: no edit, no new receipt.
      setResend(pending.current.current !== null);
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
          <ErrorSummary items={summary} focusKey={summaryFocus} />
          {notice && (
            <div className="notice notice-error" role="alert" data-testid="uploads-notice">
              {t('report.waitUploads')}
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
              <p className="notice notice-error">{t(resend ? 'send.unconfirmed' : 'send.failed')}</p>
              <ErrorMessage error={sendError} testId="send-error" />
            </div>
          )}
          <ReviewStep channel={channel} installation={installation} draft={draft} files={attachments.items} />
          <div className="form-actions">
            {!resend && (
              <button type="button" className="button-secondary" onClick={() => setStep('form')} data-testid="edit-button">
                {t('review.edit')}
              </button>
            )}
            <button type="button" className="button-primary" onClick={send} disabled={!crypto} data-testid={resend ? 'resend-button' : 'submit-button'}>
              {t(resend ? 'send.again' : 'review.send')}
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
        {channel && !channel.available && <OtherChannels />}
        <Link to="/">{t('nav.home')}</Link>
      </section>
    );
  }
  return <ReportFlow channel={channel} installation={info.info.installation} crypto={crypto.state === 'ready' ? crypto.crypto : null} onSent={onSent} />;
}
