/**
 * The writing step: category, the channel's questions (conditional ones appear as their
 * condition is met), optional exclusion and identity, and attachments. Files picked for a
 * file question, or in the general section when the questionnaire has none, start
 * uploading at once.
 */
import { useId, type FormEvent } from 'react';
import type { PublicChannel, PublicInstallation, Question } from '../../../shared/api/channel.schema';
import { AttachmentField } from '../attachments/attachment-list';
import type { useAttachments } from '../attachments/use-attachments';
import { useI18n } from '../i18n/i18n';
import { visibleQuestions, type Draft, type FieldError } from './draft';
import { ExclusionField } from './exclusion-field';
import { IdentityField } from './identity-field';
import { FieldErrorText, QuestionField } from './question-field';
import { identityAllowed } from './submit-report';

interface Props {
  channel: PublicChannel;
  installation: PublicInstallation;
  draft: Draft;
  errors: Record<string, FieldError>;
  attachments: ReturnType<typeof useAttachments>;
  cryptoReady: boolean;
  onChange(draft: Draft): void;
  onSubmit(): void;
}

export function ReportForm({ channel, installation, draft, errors, attachments, cryptoReady, onChange, onSubmit }: Props) {
  const { t, local } = useI18n();
  const id = useId();
  const { definition } = channel;
  const questions = visibleQuestions(definition.questionnaire, draft.answers);
  const hasFileQuestion = definition.questionnaire.some((q) => q.type === 'file');
  const { limits } = installation;

  const fileField = (question: Question | null, invalid: boolean, errorId?: string) => (
    <AttachmentField
      label={question ? local(question.label) : t('attach.title')}
      help={question?.help ? local(question.help) : undefined}
      items={attachments.items.filter((item) => item.questionId === (question?.id ?? null))}
      rejected={attachments.rejected}
      disabled={!cryptoReady}
      maxFiles={limits.attachmentsPerReport}
      maxBytes={limits.attachmentBytes}
      onAdd={(files) => attachments.add(files, question?.id ?? null)}
      onRemove={attachments.remove}
      onRetry={attachments.retry}
      invalid={invalid}
      errorId={invalid ? errorId : undefined}
      testId={question ? `field-${question.id}` : 'field-attachments'}
      inputId={question ? `q-${question.id}` : 'q-attachments'}
    />
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form className="report-form" onSubmit={submit} noValidate autoComplete="off">
      <div className="field">
        <label className="field-label" htmlFor="report-category">
          {t('report.category')} <span className="field-marker">({t('common.required')})</span>
        </label>
        <select
          id="report-category"
          value={draft.category}
          onChange={(e) => onChange({ ...draft, category: e.target.value })}
          aria-invalid={errors.category ? true : undefined}
          required
          aria-describedby={errors.category ? `${id}-category-error` : undefined}
          data-testid="field-category"
        >
          <option value="">{t('report.categoryChoose')}</option>
          {definition.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {local(c.label)}
            </option>
          ))}
        </select>
        <FieldErrorText id={`${id}-category-error`} error={errors.category} />
      </div>

      <h2>{t('report.questions')}</h2>
      {questions.map((question) => (
        <QuestionField
          key={question.id}
          question={question}
          value={draft.answers[question.id]}
          error={errors[question.id]}
          onChange={(value) => onChange({ ...draft, answers: { ...draft.answers, [question.id]: value } })}
          renderFiles={(q, invalid, errorId) => (
            <>
              {fileField(q, invalid, errorId)}
              <FieldErrorText id={errorId} error={errors[q.id]} />
            </>
          )}
        />
      ))}
      {!hasFileQuestion && fileField(null, false)}

      {channel.officers.length > 1 && (
        <ExclusionField officers={channel.officers} excluded={draft.excluded} error={errors.excluded} onChange={(excluded) => onChange({ ...draft, excluded })} />
      )}
      {identityAllowed(channel, installation) && (
        <IdentityField identity={draft.identity} error={errors.identity} onChange={(identity) => onChange({ ...draft, identity })} />
      )}

      <div className="form-actions">
        <button type="submit" className="button-primary" data-testid="review-button">
          {t('report.review')}
        </button>
      </div>
    </form>
  );
}
