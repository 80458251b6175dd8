/** Buttons, not a select: one tap on a phone, and each name is written in its own script. */
import { useI18n } from '../i18n/i18n';
import { ENDONYMS, LANGS } from '../i18n/languages';

export function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="language-switcher" role="group" aria-label={t('lang.label')}>
      {LANGS.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          dir="auto"
          className="language-option"
          aria-pressed={code === lang}
          onClick={() => setLang(code)}
          data-testid={`lang-${code}`}
        >
          {ENDONYMS[code]}
        </button>
      ))}
    </div>
  );
}
