/**
 * One question of a channel's questionnaire, in the reader's language. Every control has
 * a visible label, its help and error tied to it with aria-describedby, and a stable
 * data-testid (`field-<question id>`).
 */
import { useId, type ReactNode } from 'react';
import type { Question } from '../../../shared/api/channel.schema';
import { useI18n, type Translate } from '../i18n/i18n';
import { maxLengthOf, type FieldError } from './draft';
import type { AnswerValue } from '../../../shared/protocol/report-body';

interface Props {
  question: Question;
  value: AnswerValue | undefined;
  error: FieldError | undefined;
  onChange(value: AnswerValue): void;
  /** renders the file picker of a file question */
  renderFiles(question: Question, invalid: boolean, errorId: string): ReactNode;
}

/** What a field's error says, in the reader's language; shared by the field and the error summary. */
export function fieldErrorMessage(t: Translate, error: FieldError, max?: number): string {
  if (error === 'too_long') return t('report.tooLong', { max: max ?? 0 });
  if (error === 'exclude_all') return t('report.exclude.all');
  if (error === 'identity_name') return t('report.identity.nameRequired');
  if (error === 'bad_date') return t('report.badDate');
  return t('report.fieldRequired');
}

export function FieldErrorText({ id, error, max }: { id: string; error: FieldError | undefined; max?: number }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p id={id} className="field-error" data-testid="field-error">
      {fieldErrorMessage(t, error, max)}
    </p>
  );
}

function Label({ question, htmlFor, asLegend }: { question: Question; htmlFor?: string; asLegend?: boolean }) {
  const { t, local } = useI18n();
  const content = (
    <>
      {local(question.label)} <span className="field-marker">({question.required ? t('common.required') : t('common.optional')})</span>
    </>
  );
  if (asLegend) return <legend className="field-label">{content}</legend>;
  return (
    <label className="field-label" htmlFor={htmlFor}>
      {content}
    </label>
  );
}

/** The id of the control an error summary links to: the input, or a choice's first option. */
export function fieldTargetId(question: Question): string {
  if (question.type === 'single_choice' || question.type === 'multiple_choice') return `q-${question.id}-${question.options?.[0]?.id ?? 'none'}`;
  return `q-${question.id}`;
}

export function QuestionField({ question, value, error, onChange, renderFiles }: Props) {
  const { local } = useI18n();
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [question.help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const testId = `field-${question.id}`;
  const text = typeof value === 'string' ? value : '';
  const chosen = Array.isArray(value) ? value : [];
  // Form history and "enhanced" spell checkers keep or send what is typed; a report must do neither.
  const textOnly = { autoComplete: 'off', spellCheck: false } as const;
  const common = { 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, 'aria-required': question.required || undefined };
  // A fieldset (role group) may not carry aria-required or aria-invalid: a single choice is a
  // radiogroup, which may; checkboxes keep the group and say it on their legend and error.
  const groupAria = (multiple: boolean) =>
    multiple
      ? { 'aria-describedby': describedBy }
      : { role: 'radiogroup', 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, 'aria-required': question.required || undefined };
  const help = question.help ? (
    <p id={helpId} className="field-help">
      {local(question.help)}
    </p>
  ) : null;
  const errorText = <FieldErrorText id={errorId} error={error} max={maxLengthOf(question)} />;

  if (question.type === 'file') return <div className="field">{renderFiles(question, !!error, errorId)}</div>;

  if (question.type === 'single_choice' || question.type === 'multiple_choice') {
    const multiple = question.type === 'multiple_choice';
    return (
      <fieldset className="field choice-field" data-testid={testId} {...groupAria(multiple)}>
        <Label question={question} asLegend />
        {help}
        {(question.options ?? []).map((option) => (
          <label key={option.id} className="choice">
            <input
              id={`q-${question.id}-${option.id}`}
              type={multiple ? 'checkbox' : 'radio'}
              aria-invalid={multiple && error ? true : undefined}
              name={`${id}-${question.id}`}
              value={option.id}
              checked={multiple ? chosen.includes(option.id) : text === option.id}
              onChange={(event) => {
                if (!multiple) onChange(option.id);
                else onChange(event.target.checked ? [...chosen, option.id] : chosen.filter((c) => c !== option.id));
              }}
              data-testid={`${testId}-${option.id}`}
            />
            <span>{local(option.label)}</span>
          </label>
        ))}
        {errorText}
      </fieldset>
    );
  }

  const inputId = fieldTargetId(question);
  return (
    <div className="field">
      <Label question={question} htmlFor={inputId} />
      {help}
      {question.type === 'long_text' ? (
        <textarea id={inputId} rows={8} dir="auto" value={text} maxLength={maxLengthOf(question)} onChange={(e) => onChange(e.target.value)} data-testid={testId} {...common} {...textOnly} />
      ) : (
        <input
          id={inputId}
          type={question.type === 'date' ? 'date' : 'text'}
          dir="auto"
          value={text}
          maxLength={maxLengthOf(question)}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
          {...common}
          {...textOnly}
        />
      )}
      {errorText}
    </div>
  );
}
