/**
 * The interface languages. Language names are written in their own script (endonyms):
 * a reader who does not know the current language must still find theirs.
 */
import { LANGS, type Lang } from '../../../shared/api/common.schema';

export { LANGS, type Lang };

export const ENDONYMS: Record<Lang, string> = { ar: 'العربية', fr: 'Français', en: 'English' };

/** Formatting locales: Moroccan conventions, Latin digits so codes and dates read the same everywhere. */
export const LOCALES: Record<Lang, string> = { ar: 'ar-MA-u-nu-latn', fr: 'fr-MA', en: 'en-GB' };

export const DIRECTION: Record<Lang, 'rtl' | 'ltr'> = { ar: 'rtl', fr: 'ltr', en: 'ltr' };

export function isLang(value: string | null | undefined): value is Lang {
  return !!value && (LANGS as readonly string[]).includes(value);
}

/**
 * The first of the browser's languages that Amana speaks; Arabic otherwise. Amana is Arabic
 * first: a citizen whose browser says Spanish or Amazigh is more likely to read Arabic than
 * French, and the language switcher is one click away on every page.
 */
export const FALLBACK_LANG: Lang = 'ar';

export function preferredLang(candidates: readonly string[]): Lang {
  for (const candidate of candidates) {
    const base = candidate.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return FALLBACK_LANG;
}
