/**
 * Writing in a case: a message to the reporter (under the case key; the reporter reads it
 * with their receipt, and the first one meets the feedback deadline) or an internal note
 * (under the notes key). Files go with messages only: an attachment belongs to the case,
 * and the reporter would see that a note's file exists even though they could not open it.
 */
import { useId, useState, type FormEvent } from 'react';
import type { PublicInstallation } from '../../../../shared/api/channel.schema';
import { MAX_MESSAGE_CIPHERTEXT } from '../../../../shared/api/report.schema';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import { staffMessageRequest } from '../../../../shared/api/staff-case.schema';
import type { AttachmentDescriptor } from '../../../../shared/protocol/report-body';
import { AttachmentField } from '../../attachments/attachment-list';
import { describe, useAttachments } from '../../attachments/use-attachments';
import { encryptMessage } from '../../crypto/case-content';
import { checkBeforeSend } from '../../crypto/check-before-send';
import type { StaffClient } from '../api/staff-client';
import { postCaseMessage } from '../api/staff-endpoints';
import type { CaseKeySet } from '../crypto/case-keys';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';

/** the API's cap on attachments per message */
const MESSAGE_FILES = 20;

interface Props {
  crypto: AmanaCrypto;
  client: StaffClient;
  caseId: string;
  keys: CaseKeySet;
  installation: PublicInstallation;
  onSent(): void;
}

export function CaseComposer({ crypto, client, caseId, keys, installation, onSent }: Props) {
  const { t, tr } = useStaffI18n();
  const id = useId();
  const [kind, setKind] = useState<'message' | 'note'>('message');
  const [text, setText] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'empty' | 'uploads'>('idle');
  const [error, setError] = useState<unknown>(null);
  const maxFiles = Math.min(MESSAGE_FILES, installation.limits.attachmentsPerReport);
  const files = useAttachments({ crypto, installation, maxFiles, token: null });
  const withFiles = kind === 'message';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const attached = withFiles ? files.items : [];
    if (text.trim() === '' && attached.length === 0) return setState('empty');
    if (withFiles && files.busy) return setState('uploads');
    const key = kind === 'note' ? keys.notesKey : keys.caseKey;
    if (!key) return;
    setState('sending');
    setError(null);
    try {
      const descriptors = attached.map(describe).filter((d): d is AttachmentDescriptor => d !== null);
      const sealed = encryptMessage(crypto, key, { v: 1, text: text.trim(), attachments: descriptors }, installation.limits.messageBytes, kind);
      const request = { id: sealed.id, kind, body: sealed.body, attachmentIds: descriptors.map((d) => d.attachmentId) };
      checkBeforeSend(staffMessageRequest, request);
      await postCaseMessage(client, caseId, request);
      setText('');
      files.clear();
      setState('sent');
      onSent();
    } catch (err) {
      setState('idle');
      setError(err);
    }
  };

  return (
    <form className="reply-box" onSubmit={submit} noValidate autoComplete="off" data-testid="case-composer">
      <h3>{t('composer.title')}</h3>
      <fieldset className="field">
        <legend className="field-label">{t('composer.kind')}</legend>
        <label className="choice">
          <input type="radio" name={`${id}-kind`} checked={kind === 'message'} onChange={() => setKind('message')} data-testid="composer-kind-message" />
          <span>{t('composer.toReporter')}</span>
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-kind`} checked={kind === 'note'} disabled={!keys.notesKey} onChange={() => setKind('note')} data-testid="composer-kind-note" />
          <span>{keys.notesKey ? t('composer.note') : t('composer.noNotesKey')}</span>
        </label>
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-text`}>
          {kind === 'note' ? t('composer.noteLabel') : t('composer.messageLabel')}
        </label>
        <textarea
          spellCheck={false}
          autoComplete="off"
          id={`${id}-text`}
          rows={6}
          dir="auto"
          maxLength={Math.min(installation.limits.messageBytes, MAX_MESSAGE_CIPHERTEXT) / 4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="composer-text"
        />
      </div>
      {withFiles && (
        <AttachmentField
          label={tr('attach.title')}
          items={files.items}
          rejected={files.rejected}
          disabled={state === 'sending'}
          maxFiles={maxFiles}
          maxBytes={installation.limits.attachmentBytes}
          onAdd={(list) => files.add(list, null)}
          onRemove={files.remove}
          onRetry={files.retry}
          testId="composer-attachments"
        />
      )}
      <div role="status" aria-live="polite" data-testid="composer-status">
        {state === 'sending' && tr('followUp.sending')}
        {state === 'sent' && (kind === 'note' ? t('composer.noteSaved') : t('composer.sent'))}
        {state === 'empty' && tr('followUp.emptyReply')}
        {state === 'uploads' && tr('report.waitUploads')}
      </div>
      {error !== null && <StaffError error={error} testId="composer-error" />}
      <button type="submit" className="button-primary" disabled={state === 'sending'} data-testid="composer-send">
        {kind === 'note' ? t('composer.saveNote') : t('composer.send')}
      </button>
    </form>
  );
}
