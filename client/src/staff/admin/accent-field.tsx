/**
 * The accent colour of the public pages, with its contrast against white computed live and
 * compared with the server's limit: white text on buttons of this colour must stay readable.
 * The sample is coloured through CSSOM (style.setProperty), which the strict CSP allows,
 * never a style attribute.
 */
import { useEffect, useId, useRef } from 'react';
import { useStaffI18n } from '../i18n/staff-i18n';
import { contrastRatio } from './contrast';

interface Props {
  value: string;
  minContrast: number;
  serverError: string | null;
  onChange(value: string): void;
}

export function AccentField({ value, minContrast, serverError, onChange }: Props) {
  const { t } = useStaffI18n();
  const id = useId();
  const sample = useRef<HTMLDivElement>(null);
  const valid = /^#[0-9a-fA-F]{6}$/.test(value);
  const ratio = valid ? contrastRatio(value, '#ffffff') : null;
  const enough = ratio !== null && ratio >= minContrast;
  useEffect(() => {
    if (valid) sample.current?.style.setProperty('--sample-accent', value);
  }, [value, valid]);
  const problem = !valid ? t('adm.set.accentFormat') : !enough ? t('adm.err.accent_contrast_low') : serverError;
  return (
    <div className="field accent-field" data-testid="accent-field">
      <label className="field-label" htmlFor={`${id}-text`}>
        {t('adm.set.accent')}
      </label>
      <p className="field-help" id={`${id}-help`}>
        {t('adm.set.accentHelp', { min: minContrast })}
      </p>
      <div className="field-row">
        <input id={`${id}-picker`} type="color" value={valid ? value.toLowerCase() : '#000000'} onChange={(e) => onChange(e.target.value)} aria-label={t('adm.set.accentPicker')} data-testid="accent-picker" />
        <input
          id={`${id}-text`}
          type="text"
          dir="ltr"
          value={value}
          maxLength={7}
          onChange={(e) => onChange(e.target.value.trim())}
          aria-describedby={`${id}-help ${id}-ratio${problem ? ` ${id}-error` : ''}`}
          aria-invalid={problem ? true : undefined}
          data-testid="accent-text"
        />
      </div>
      <p id={`${id}-ratio`} className={enough ? 'state-ok' : 'state-warning'} data-testid="accent-ratio" data-enough={enough}>
        {ratio === null ? '' : t('adm.set.accentRatio', { ratio: ratio.toFixed(2), min: minContrast })}
      </p>
      <div ref={sample} className="accent-sample" aria-hidden="true">
        <span className="accent-sample-button">{t('adm.set.accentSample')}</span>
      </div>
      {problem && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
