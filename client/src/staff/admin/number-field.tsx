/** A whole number with the bounds the server enforces shown beside it and checked as it is typed. */
import { useId } from 'react';
import { useStaffI18n } from '../i18n/staff-i18n';

interface Props {
  label: string;
  help: string;
  value: number;
  min: number;
  max: number;
  serverError: string | null;
  onChange(value: number): void;
  testId: string;
}

export function NumberField({ label, help, value, min, max, serverError, onChange, testId }: Props) {
  const { t } = useStaffI18n();
  const id = useId();
  const outside = !Number.isInteger(value) || value < min || value > max;
  const problem = outside ? t('adm.set.outside', { min, max }) : serverError;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <p className="field-help" id={`${id}-help`}>
        {help} <strong>{t('adm.set.bounds', { min, max })}</strong>
      </p>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={Number.isNaN(value) ? '' : value}
        onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        aria-describedby={`${id}-help${problem ? ` ${id}-error` : ''}`}
        aria-invalid={problem ? true : undefined}
        data-testid={testId}
      />
      {problem && (
        <p id={`${id}-error`} className="field-error" role="alert" data-testid={`${testId}-error`}>
          {problem}
        </p>
      )}
    </div>
  );
}
