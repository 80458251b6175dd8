/**
 * Optional, confidential identity. It is encrypted under its own key, sealed to the
 * custodians only; the explanation says so before the reporter types anything.
 */
import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import { FieldErrorText } from './question-field';
import { IDENTITY_MAX, type FieldError, type IdentityDraft } from './draft';

interface Props {
  identity: IdentityDraft;
  error: FieldError | undefined;
  onChange(identity: IdentityDraft): void;
}

export function IdentityField({ identity, error, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  const set = (patch: Partial<IdentityDraft>) => onChange({ ...identity, ...patch });
  const describedBy = error ? `${id}-error` : undefined;
  return (
    <details className="optional-section" open={identity.enabled || undefined}>
      <summary data-testid="identity-section">{t('report.identity.title')}</summary>
      <p className="field-help">{t('report.identity.help')}</p>
      <label className="choice">
        <input type="checkbox" checked={identity.enabled} onChange={(e) => set({ enabled: e.target.checked })} data-testid="identity-toggle" />
        <span>{t('report.identity.toggle')}</span>
      </label>
      {identity.enabled && (
        <div className="identity-fields">
          {(
            [
              ['name', 'report.identity.name', 'identity-name'],
              ['contact', 'report.identity.contact', 'identity-contact'],
              ['details', 'report.identity.details', 'identity-details'],
            ] as const
          ).map(([field, label, testId]) => (
            <div className="field" key={field}>
              <label className="field-label" htmlFor={`identity-${field}`}>
                {t(label)}
              </label>
              <input
                id={`identity-${field}`}
                type="text"
                dir="auto"
                autoComplete="off"
                spellCheck={false}
                maxLength={IDENTITY_MAX}
                value={identity[field]}
                onChange={(e) => set({ [field]: e.target.value })}
                aria-describedby={field === 'name' ? describedBy : undefined}
                aria-invalid={field === 'name' && error ? true : undefined}
                data-testid={testId}
              />
            </div>
          ))}
          <FieldErrorText id={`${id}-error`} error={error} max={IDENTITY_MAX} />
        </div>
      )}
    </details>
  );
}
