/**
 * A file picker and the files chosen so far, each with its cleaning result and upload
 * progress. Status changes are announced politely; percentages are left to the bar.
 */
import { useId, type ChangeEvent } from 'react';
import { useI18n, type MessageKey } from '../i18n/i18n';
import type { AttachmentItem, RejectedFile } from './use-attachments';
import type { MetadataReport } from './prepare-file';
import './attachments.css';

export function metadataNotes(report: MetadataReport | null): MessageKey[] {
  if (!report) return [];
  if (report.kind === 'unsupported') return ['meta.unsupported'];
  if (report.kind === 'too_large') return ['meta.tooLarge'];
  const notes: MessageKey[] = report.removed.map((kind) => `meta.${kind}` as const);
  if (notes.length === 0) notes.push('meta.none');
  if (report.incomplete) notes.push('meta.incomplete');
  return notes;
}

function StatusLine({ item }: { item: AttachmentItem }) {
  const { t } = useI18n();
  const text =
    item.status === 'cleaning'
      ? t('attach.cleaning')
      : item.status === 'uploading'
        ? t('attach.uploading')
        : item.status === 'retrying'
          ? t('attach.retrying')
          : item.status === 'done'
            ? t('attach.done')
            : t('attach.failed');
  return <span className={`attachment-status status-${item.status}`}>{text}</span>;
}

interface ItemProps {
  item: AttachmentItem;
  onRemove(localId: string): void;
  onRetry(localId: string): void;
}

function AttachmentRow({ item, onRemove, onRetry }: ItemProps) {
  const { t, formatBytes } = useI18n();
  const warn = item.metadata && item.metadata.kind !== 'cleaned' ? true : item.metadata?.kind === 'cleaned' && item.metadata.incomplete;
  return (
    <li className="attachment" data-testid="attachment-item" data-status={item.status}>
      <div className="attachment-head">
        <bdi className="attachment-name">{item.file.name}</bdi>
        <span className="attachment-size">{formatBytes(item.file.size)}</span>
      </div>
      {item.status !== 'done' && item.status !== 'failed' && (
        <progress max={1} value={item.progress} aria-label={t('attach.progress', { name: item.file.name })} />
      )}
      <StatusLine item={item} />
      <ul className={warn ? 'metadata-notes metadata-warning' : 'metadata-notes'} data-testid="attachment-metadata">
        {metadataNotes(item.metadata).map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <div className="attachment-actions">
        {item.status === 'failed' && (
          <button type="button" className="button-secondary" onClick={() => onRetry(item.localId)}>
            {t('common.retry')}
          </button>
        )}
        <button type="button" className="button-link" onClick={() => onRemove(item.localId)} data-testid="attachment-remove">
          {t('common.remove')}
        </button>
      </div>
    </li>
  );
}

interface Props {
  label: string;
  help?: string;
  items: AttachmentItem[];
  rejected: RejectedFile[];
  disabled: boolean;
  maxFiles: number;
  maxBytes: number;
  onAdd(files: File[]): void;
  onRemove(localId: string): void;
  onRetry(localId: string): void;
  invalid?: boolean;
  errorId?: string;
  testId: string;
  /** a stable id for the input, so an error summary can link to it */
  inputId?: string;
}

export function AttachmentField({ label, help, items, rejected, disabled, maxFiles, maxBytes, onAdd, onRemove, onRetry, invalid, errorId, testId, inputId: givenId }: Props) {
  const { t, formatBytes } = useI18n();
  const ownId = useId();
  const inputId = givenId ?? ownId;
  const helpId = useId();
  const chosenId = useId();
  const names = items.map((item) => item.file.name);
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = event.target.files ? [...event.target.files] : [];
    // Clearing lets the same file be chosen again after it was removed.
    event.target.value = '';
    if (files.length > 0) onAdd(files);
  };
  return (
    <div className="field attachments-field">
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <p id={helpId} className="field-help">
        {help ? `${help} ` : ''}
        {t('attach.help', { count: maxFiles, size: formatBytes(maxBytes) })}
      </p>
      {/* The native control is visually hidden but keeps focus and its label: cleared after
          each pick (so a removed file can be chosen again), it would say "No file chosen"
          next to the files just attached. The line below says what is attached instead. */}
      <input
        id={inputId}
        className="file-input"
        type="file"
        multiple
        disabled={disabled}
        onChange={onChange}
        aria-describedby={[helpId, chosenId, errorId].filter(Boolean).join(' ')}
        aria-invalid={invalid || undefined}
        data-testid={testId}
      />
      <div className="file-pick-row">
        <label htmlFor={inputId} className={disabled ? 'file-pick button-secondary file-pick-disabled' : 'file-pick button-secondary'} aria-hidden="true">
          {t('attach.choose')}
        </label>
        <span id={chosenId} className="file-chosen" data-testid={`${testId}-chosen`}>
          {names.length === 0 ? t('attach.noneYet') : t('attach.chosen', { count: names.length })}
        </span>
      </div>
      {rejected.length > 0 && (
        <ul className="notice notice-error" role="alert">
          {rejected.map((r) => (
            <li key={`${r.name}-${r.reason}`}>
              {r.reason === 'too_large' ? t('attach.tooLarge', { name: r.name, size: formatBytes(maxBytes) }) : t('attach.tooMany', { count: maxFiles })}
            </li>
          ))}
        </ul>
      )}
      <ul className="attachment-list" aria-live="polite" aria-relevant="additions text">
        {items.map((item) => (
          <AttachmentRow key={item.localId} item={item} onRemove={onRemove} onRetry={onRetry} />
        ))}
      </ul>
    </div>
  );
}
