/**
 * Conflict-of-interest exclusion. Officers are shown by department and role only: a name
 * would tell the reporter who handles reports, and who does not.
 */
import { useId } from 'react';
import type { PublicOfficer } from '../../../shared/api/channel.schema';
import { useI18n } from '../i18n/i18n';
import { FieldErrorText } from './question-field';
import type { FieldError } from './draft';

interface Props {
  officers: PublicOfficer[];
  excluded: string[];
  error: FieldError | undefined;
  onChange(excluded: string[]): void;
}

export function useOfficerLabel(): (officer: PublicOfficer) => string {
  const { t } = useI18n();
  return (officer) => {
    const department = officer.department ?? t('report.exclude.noDepartment');
    return officer.supervisor ? t('report.exclude.supervisor', { department }) : t('report.exclude.officer', { department });
  };
}

export function ExclusionField({ officers, excluded, error, onChange }: Props) {
  const { t } = useI18n();
  const label = useOfficerLabel();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <details className="optional-section" open={excluded.length > 0 || undefined}>
      <summary data-testid="exclude-toggle">{t('report.exclude.title')}</summary>
      <fieldset className="field choice-field" aria-describedby={`${id}-help${error ? ` ${errorId}` : ''}`}>
        <legend className="visually-hidden">{t('report.exclude.title')}</legend>
        <p id={`${id}-help`} className="field-help">
          {t('report.exclude.help')}
        </p>
        {officers.map((officer) => (
          <label key={officer.id} className="choice">
            <input
              id={`exclude-${officer.id}`}
              type="checkbox"
              checked={excluded.includes(officer.id)}
              aria-invalid={error ? true : undefined}
              onChange={(event) => onChange(event.target.checked ? [...excluded, officer.id] : excluded.filter((x) => x !== officer.id))}
              data-testid={`exclude-${officer.id}`}
            />
            <bdi>{label(officer)}</bdi>
          </label>
        ))}
        <FieldErrorText id={errorId} error={error} />
      </fieldset>
    </details>
  );
}
