/**
 * The reporter's own report, decrypted in this browser and laid out with the channel's
 * questionnaire in the current language. Answers are shown as text, never as markup.
 */
import type { ChannelDefinition } from '../../../shared/api/channel.schema';
import type { FollowUpCase } from '../../../shared/api/report.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import type { PartFetcher } from '../attachments/decrypt-attachment';
import { useI18n } from '../i18n/i18n';
import type { AnswerValue, ReportBodyV1 } from '../../../shared/protocol/report-body';
import { DownloadButton } from './download-button';

interface Props {
  report: ReportBodyV1 | null;
  definition: ChannelDefinition | null;
  crypto: AmanaCrypto;
  fetchPart: PartFetcher;
  attachments: FollowUpCase['attachments'];
}

/** An answer as text in the reader's language: choice labels, formatted dates. */
export function useAnswerText(definition: ChannelDefinition | null): (questionId: string, value: AnswerValue) => string {
  const { local, formatDate } = useI18n();
  return (questionId, value) => {
    const question = definition?.questionnaire.find((q) => q.id === questionId);
    const list = typeof value === 'string' ? [value] : value;
    if (question?.type === 'date' && typeof value === 'string') return formatDate(value);
    if (question?.options) return list.map((id) => { const o = question.options?.find((x) => x.id === id); return o ? local(o.label) : id; }).join(' · ');
    return list.join(', ');
  };
}

export function ReportContent({ report, definition, crypto, fetchPart, attachments }: Props) {
  const { t, local } = useI18n();
  const answerText = useAnswerText(definition);
  if (!report) return <p className="notice notice-error" data-testid="report-undecryptable">{t('followUp.undecryptable')}</p>;
  const partsOf = (id: string) => attachments.find((a) => a.id === id)?.parts ?? null;
  const category = definition?.categories.find((c) => c.id === report.category);
  return (
    <dl className="review" data-testid="report-content">
      <dt>{t('report.category')}</dt>
      <dd>{category ? local(category.label) : report.category}</dd>
      {Object.entries(report.answers).map(([questionId, value]) => {
        const question = definition?.questionnaire.find((q) => q.id === questionId);
        const files = report.attachments.filter((a) => a.questionId === questionId);
        return (
          <div key={questionId} className="review-item">
            <dt>{question ? local(question.label) : questionId}</dt>
            <dd className="review-text" dir="auto">
              {question?.type === 'file' ? (
                <ul className="plain-list">
                  {files.map((d) => (
                    <li key={d.attachmentId}>
                      <DownloadButton crypto={crypto} fetchPart={fetchPart} descriptor={d} parts={partsOf(d.attachmentId)} />
                    </li>
                  ))}
                </ul>
              ) : (
                answerText(questionId, value)
              )}
            </dd>
          </div>
        );
      })}
      {report.attachments.some((a) => a.questionId === null) && (
        <div className="review-item">
          <dt>{t('review.attachments')}</dt>
          <dd>
            <ul className="plain-list">
              {report.attachments
                .filter((a) => a.questionId === null)
                .map((d) => (
                  <li key={d.attachmentId}>
                    <DownloadButton crypto={crypto} fetchPart={fetchPart} descriptor={d} parts={partsOf(d.attachmentId)} />
                  </li>
                ))}
            </ul>
          </dd>
        </div>
      )}
    </dl>
  );
}
