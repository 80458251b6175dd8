/** Everything the reporter is about to send, as they will send it; nothing has left yet. */
import type { PublicChannel, PublicInstallation, Question } from '../../../shared/api/channel.schema';
import { metadataNotes } from '../attachments/attachment-list';
import type { AttachmentItem } from '../attachments/use-attachments';
import { useI18n } from '../i18n/i18n';
import { visibleQuestions, type Draft } from './draft';
import { useOfficerLabel } from './exclusion-field';
import { identityAllowed } from './submit-report';

interface Props {
  channel: PublicChannel;
  installation: PublicInstallation;
  draft: Draft;
  files: AttachmentItem[];
}

function FileList({ files }: { files: AttachmentItem[] }) {
  const { t, formatBytes } = useI18n();
  if (files.length === 0) return <p className="muted">{t('review.noAttachments')}</p>;
  return (
    <ul className="review-files">
      {files.map((f) => (
        <li key={f.localId}>
          <bdi>{f.file.name}</bdi> ({formatBytes(f.file.size)})
          <ul className="metadata-notes">
            {metadataNotes(f.metadata).map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function Answer({ question, draft, files }: { question: Question; draft: Draft; files: AttachmentItem[] }) {
  const { t, local, formatDate } = useI18n();
  if (question.type === 'file') return <FileList files={files.filter((f) => f.questionId === question.id)} />;
  const value = draft.answers[question.id];
  const list = value === undefined ? [] : typeof value === 'string' ? [value] : value;
  const shown = list.filter((v) => v.trim() !== '');
  if (shown.length === 0) return <p className="muted">{t('review.noAnswer')}</p>;
  if (question.type === 'single_choice' || question.type === 'multiple_choice') {
    const labels = shown.map((id) => question.options?.find((o) => o.id === id)).filter((o) => o !== undefined);
    return <p>{labels.map((o) => local(o.label)).join(' · ')}</p>;
  }
  if (question.type === 'date') return <p>{formatDate(shown[0]!)}</p>;
  return (
    <p className="review-text" dir="auto">
      {shown[0]}
    </p>
  );
}

export function ReviewStep({ channel, installation, draft, files }: Props) {
  const { t, local } = useI18n();
  const officerLabel = useOfficerLabel();
  const { definition } = channel;
  const category = definition.categories.find((c) => c.id === draft.category);
  const excluded = channel.officers.filter((o) => draft.excluded.includes(o.id));
  const hasFileQuestion = definition.questionnaire.some((q) => q.type === 'file');
  return (
    <dl className="review" data-testid="review">
      <dt>{t('report.category')}</dt>
      <dd>{category ? local(category.label) : ''}</dd>
      {visibleQuestions(definition.questionnaire, draft.answers).map((question) => (
        <div key={question.id} className="review-item">
          <dt>{local(question.label)}</dt>
          <dd>
            <Answer question={question} draft={draft} files={files} />
          </dd>
        </div>
      ))}
      {!hasFileQuestion && (
        <>
          <dt>{t('review.attachments')}</dt>
          <dd>
            <FileList files={files} />
          </dd>
        </>
      )}
      {channel.officers.length > 1 && (
        <>
          <dt>{t('review.excluded')}</dt>
          <dd>{excluded.length === 0 ? t('review.none') : excluded.map(officerLabel).join(' · ')}</dd>
        </>
      )}
      {identityAllowed(channel, installation) && (
        <>
          <dt>{t('review.identity')}</dt>
          <dd>
            {draft.identity.enabled ? (
              <ul className="plain-list">
                {[draft.identity.name, draft.identity.contact, draft.identity.details]
                  .filter((v) => v.trim() !== '')
                  .map((v) => (
                    <li key={v}>
                      <bdi>{v}</bdi>
                    </li>
                  ))}
              </ul>
            ) : (
              t('review.anonymous')
            )}
          </dd>
        </>
      )}
    </dl>
  );
}
