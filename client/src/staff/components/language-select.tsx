/** A language picker for a staff account: each language named in its own script. */
import type { Lang } from '../../../../shared/api/common.schema';
import { ENDONYMS, isLang, LANGS } from '../../i18n/languages';

interface Props {
  id: string;
  value: Lang;
  onChange(lang: Lang): void;
  disabled?: boolean;
  testId?: string;
}

export function LanguageSelect({ id, value, onChange, disabled, testId }: Props) {
  return (
    <select id={id} value={value} onChange={(e) => isLang(e.target.value) && onChange(e.target.value)} disabled={disabled} data-testid={testId}>
      {LANGS.map((code) => (
        <option key={code} value={code} lang={code}>
          {ENDONYMS[code]}
        </option>
      ))}
    </select>
  );
}
