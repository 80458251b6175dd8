/**
 * The report on the officer's page, after check-answers.ts compared it with the case's clear
 * metadata and with the questionnaire version it answered. The clear category is shown as
 * the case's; whatever the encrypted body says otherwise is a visible warning, and every
 * answer that does not fit its question carries its flags. Values are text, never markup.
 */
import type { ReactElement } from 'react';
import type { ChannelDefinition, Question } from '../../../../shared/api/channel.schema';
import type { CaseMeta } from '../../../../shared/api/staff.schema';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import type { AnswerValue, ReportBodyV1 } from '../../../../shared/protocol/report-body';
import type { PartFetcher } from '../../attachments/decrypt-attachment';
import { DownloadButton } from '../../follow-up/download-button';
import { useStaffI18n, type StaffMessageKey } from '../i18n/staff-i18n';
import { checkReport, isCalendarDate, type AnswerFlag, type AttachmentFlag, type CheckedAnswer, type CheckedAttachment, type ReportCheck } from './check-answers';
import type { CaseDefinition } from './use-case-definition';

interface Props {
  report: ReportBodyV1 | null;
  meta: CaseMeta;
  questionnaire: CaseDefinition;
  crypto: AmanaCrypto;
  fetchPart: PartFetcher;
  attachments: { id: string; parts: number }[];
}

const ATTACHMENT_FLAG_KEYS: Record<AttachmentFlag, StaffMessageKey> = {
  unknown_question: 'check.file.unknown_question',
  not_on_case: 'check.file.not_on_case',
  bad_key: 'check.file.bad_key',
};

function Flags({ flags, keyOf }: { flags: readonly string[]; keyOf(flag: string): StaffMessageKey }) {
  const { t } = useStaffI18n();
  if (flags.length === 0) return null;
  return (
    <ul className="answer-flags" data-testid="answer-flags" aria-label={t('check.flagged')}>
      {flags.map((flag) => (
        <li key={flag} className="notice notice-warning" data-flag={flag}>
          {t(keyOf(flag))}
        </li>
      ))}
    </ul>
  );
}

const answerFlagKey = (flag: string) => `check.flag.${flag as AnswerFlag}` as StaffMessageKey;

function AnswerValueText({ question, value, flags }: { question: Question | null; value: AnswerValue; flags: AnswerFlag[] }) {
  const { t, local, formatDate } = useStaffI18n();
  // Anything whose shape is wrong, or whose question is unknown, is shown as it was sent.
  if (!question || flags.includes('wrong_type')) return <span className="raw-value">{t('check.rawValue', { value: JSON.stringify(value) })}</span>;
  const list = typeof value === 'string' ? [value] : value;
  if (question.type === 'date') return <>{isCalendarDate(list[0]!) ? formatDate(list[0]!) : t('check.rawValue', { value: list[0]! })}</>;
  if (question.options) {
    return (
      <>
        {list
          .map((id) => {
            const option = question.options?.find((o) => o.id === id);
            return option ? local(option.label) : t('check.unknownOption', { id });
          })
          .join(' · ')}
      </>
    );
  }
  return <>{list.join(', ')}</>;
}

function AnswerRow({ item, files, download }: { item: CheckedAnswer; files: CheckedAttachment[]; download(d: CheckedAttachment): ReactElement }) {
  const { t, local } = useStaffI18n();
  const flagged = item.flags.length > 0;
  const own = files.filter((f) => f.descriptor.questionId === item.questionId);
  return (
    <div className={flagged ? 'review-item answer-flagged' : 'review-item'} data-testid="report-answer" data-question={item.questionId} data-flags={item.flags.join(' ')}>
      <dt>{item.question ? local(item.question.label) : <code>{item.questionId}</code>}</dt>
      <dd className="review-text" dir="auto">
        {item.value === null ? (
          <span className="muted">{t('check.missing')}</span>
        ) : item.question?.type === 'file' && !item.flags.includes('wrong_type') ? (
          <ul className="plain-list">{own.map(download)}</ul>
        ) : (
          <AnswerValueText question={item.question} value={item.value} flags={item.flags} />
        )}
        <Flags flags={item.flags} keyOf={answerFlagKey} />
      </dd>
    </div>
  );
}

function Warnings({ check, definition, version }: { check: ReportCheck; definition: ChannelDefinition | null; version: number | null }) {
  const { t, local } = useStaffI18n();
  const categoryLabel = (id: string) => {
    const category = definition?.categories.find((c) => c.id === id);
    return category ? `${local(category.label)} (${id})` : id;
  };
  const warnings: string[] = [];
  if (check.category) warnings.push(t('check.categoryMismatch', { clear: categoryLabel(check.category.clear), encrypted: categoryLabel(check.category.encrypted) }));
  if (check.channel) warnings.push(t('check.channelMismatch', { ...check.channel }));
  if (check.language) warnings.push(t('check.languageMismatch', { ...check.language }));
  if (check.source === 'current') warnings.push(t('check.currentDefinition'));
  if (check.source === 'none') warnings.push(t('check.noDefinition'));
  return (
    <>
      {warnings.length > 0 && (
        <div className="notice notice-warning" role="alert" data-testid="report-warnings">
          <p>
            <strong>{t('check.title')}</strong>
          </p>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {version !== null && check.source === 'version' && (
        <p className="muted" data-testid="report-version">
          {t('check.version', { version })}
        </p>
      )}
    </>
  );
}

/** The clear category, the one the server routed by, with its label in this version. */
function CategoryRow({ meta, definition }: { meta: CaseMeta; definition: ChannelDefinition | null }) {
  const { t, local } = useStaffI18n();
  const category = definition?.categories.find((c) => c.id === meta.category);
  return (
    <>
      <dt>{t('case.category')}</dt>
      <dd data-testid="report-category">{category ? local(category.label) : meta.category}</dd>
    </>
  );
}

export function CheckedReport({ report, meta, questionnaire, crypto, fetchPart, attachments }: Props) {
  const { t, tr } = useStaffI18n();
  if (questionnaire.loading) return <p role="status">{t('case.opening')}</p>;
  if (!report) return <p className="notice notice-error" data-testid="report-undecryptable">{t('case.undecryptable')}</p>;
  const check = checkReport({ report, meta, definition: questionnaire.definition, source: questionnaire.source, caseAttachmentIds: attachments.map((a) => a.id) });
  const partsOf = (id: string) => attachments.find((a) => a.id === id)?.parts ?? null;
  const download = (file: CheckedAttachment) => (
    <li key={file.descriptor.attachmentId} data-testid="report-file" data-flags={file.flags.join(' ')}>
      <DownloadButton crypto={crypto} fetchPart={fetchPart} descriptor={file.descriptor} parts={file.flags.includes('bad_key') ? null : partsOf(file.descriptor.attachmentId)} />
      <Flags flags={file.flags} keyOf={(flag) => ATTACHMENT_FLAG_KEYS[flag as AttachmentFlag]} />
    </li>
  );
  const answeredFiles = new Set(check.answers.filter((a) => a.question?.type === 'file').map((a) => a.questionId));
  const general = check.attachments.filter((f) => f.descriptor.questionId === null || !answeredFiles.has(f.descriptor.questionId));
  return (
    <div data-testid="report-content" data-clean={check.clean}>
      <Warnings check={check} definition={questionnaire.definition} version={questionnaire.version} />
      <dl className="review">
        <CategoryRow meta={meta} definition={questionnaire.definition} />
      {check.answers.map((item) => (
        <AnswerRow key={item.questionId} item={item} files={check.attachments} download={download} />
      ))}
      {general.length > 0 && (
        <div className="review-item">
          <dt>{tr('review.attachments')}</dt>
          <dd>
            <ul className="plain-list">{general.map(download)}</ul>
          </dd>
        </div>
      )}
      </dl>
    </div>
  );
}
