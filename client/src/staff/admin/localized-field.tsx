/**
 * One text in Arabic, French and English side by side, each input in its own language and
 * direction, an empty one flagged as a missing translation next to it.
 */
import { LANGS, type Lang, type Localized } from '../../../../shared/api/common.schema';
import { DIRECTION, ENDONYMS } from '../../i18n/languages';
import { useStaffI18n } from '../i18n/staff-i18n';
import { ProblemText, problemTextId } from './problem-text';
import { fieldDomId, type Problems } from './problems';

interface Props {
  legend: string;
  path: string;
  value: Localized;
  onChange(next: Localized): void;
  problems: Problems;
  multiline?: boolean;
  /** help texts are optional: an all-empty one is not flagged */
  optional?: boolean;
  maxLength?: number;
  testId: string;
}

export function LocalizedField({ legend, path, value, onChange, problems, multiline = false, optional = false, maxLength = 500, testId }: Props) {
  const { t } = useStaffI18n();
  const allEmpty = LANGS.every((l) => value[l].trim() === '');
  const input = (lang: Lang) => {
    const inputPath = `${path}.${lang}`;
    const found = problems.at(inputPath);
    const missing = value[lang].trim() === '' && !(optional && allEmpty);
    const id = fieldDomId(inputPath);
    const described = [found.length > 0 ? problemTextId(inputPath) : '', missing ? `${id}-missing` : ''].filter(Boolean).join(' ') || undefined;
    const common = {
      id,
      lang,
      dir: DIRECTION[lang],
      value: value[lang],
      maxLength,
      'aria-describedby': described,
      'aria-invalid': found.length > 0 ? true : undefined,
      'data-testid': `${testId}-${lang}`,
      spellCheck: false,
      autoComplete: 'off',
    } as const;
    return (
      <div key={lang} className="lang-cell">
        <label className="lang-label" htmlFor={id}>
          {ENDONYMS[lang]} <span className="muted">({lang})</span>
        </label>
        {multiline ? (
          <textarea rows={multiline && maxLength > 500 ? 5 : 3} {...common} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
        ) : (
          <input type="text" {...common} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
        )}
        {missing && found.length === 0 && (
          <p id={`${id}-missing`} className="missing-flag" data-testid="missing-translation">
            {t('adm.missingTranslation')}
          </p>
        )}
        <ProblemText path={inputPath} problems={found} />
      </div>
    );
  };
  return (
    <fieldset className="field localized-field" data-testid={testId}>
      <legend className="field-label">
        {legend}
        {optional && <span className="field-marker"> ({t('adm.optional')})</span>}
      </legend>
      <ProblemText path={path} problems={problems.at(path)} />
      <div className="lang-grid">{LANGS.map(input)}</div>
    </fieldset>
  );
}
