/** A reply to the officers, with files; encrypted under the case key before it is sent. */
import { useId, useState, type FormEvent } from 'react';
import type { PublicInstallation } from '../../../shared/api/channel.schema';
import { MAX_MESSAGE_CIPHERTEXT } from '../../../shared/api/report.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import { AttachmentField } from '../attachments/attachment-list';
import { describe, useAttachments } from '../attachments/use-attachments';
import { ErrorMessage } from '../components/error-message';
import { useI18n } from '../i18n/i18n';
import type { AttachmentDescriptor } from '../../../shared/protocol/report-body';
import { sendReply } from './case-actions';
import type { OpenSession } from './open-case';

/** the API's cap on attachments per message */
const MESSAGE_FILES = 20;

interface Props {
  crypto: AmanaCrypto;
  session: OpenSession;
  installation: PublicInstallation;
  onSent(): void;
  onError(err: unknown): void;
}

export function ReplyBox({ crypto, session, installation, onSent, onError }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'empty' | 'uploads'>('idle');
  const [error, setError] = useState<unknown>(null);
  const maxFiles = Math.min(MESSAGE_FILES, installation.limits.attachmentsPerReport);
  const files = useAttachments({ crypto, installation, maxFiles, token: session.token });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '' && files.items.length === 0) return setState('empty');
    if (files.busy) return setState('uploads');
    setState('sending');
    setError(null);
    try {
      const descriptors = files.items.map(describe).filter((d): d is AttachmentDescriptor => d !== null);
      await sendReply(crypto, session, installation, text.trim(), descriptors);
      setText('');
      files.clear();
      setState('sent');
      onSent();
    } catch (err) {
      setState('idle');
      setError(err);
      onError(err);
    }
  };

  const limit = Math.min(installation.limits.messageBytes, MAX_MESSAGE_CIPHERTEXT) / 4;
  return (
    <form className="reply-box" onSubmit={submit} noValidate autoComplete="off">
      <h3>{t('followUp.reply')}</h3>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-text`}>
          {t('followUp.replyLabel')}
        </label>
        <textarea
          id={`${id}-text`}
          rows={6}
          dir="auto"
          spellCheck={false}
          autoComplete="off"
          maxLength={limit}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="reply-text"
        />
      </div>
      <AttachmentField
        label={t('attach.title')}
        items={files.items}
        rejected={files.rejected}
        disabled={state === 'sending'}
        maxFiles={maxFiles}
        maxBytes={installation.limits.attachmentBytes}
        onAdd={(list) => files.add(list, null)}
        onRemove={files.remove}
        onRetry={files.retry}
        testId="reply-attachments"
      />
      <div role="status" aria-live="polite" data-testid="reply-status">
        {state === 'sending' && t('followUp.sending')}
        {state === 'sent' && t('followUp.sent')}
        {state === 'empty' && t('followUp.emptyReply')}
        {state === 'uploads' && t('report.waitUploads')}
      </div>
      {error !== null && <ErrorMessage error={error} testId="reply-error" />}
      <button type="submit" className="button-primary" disabled={state === 'sending'} data-testid="reply-send">
        {t('followUp.send')}
      </button>
    </form>
  );
}
