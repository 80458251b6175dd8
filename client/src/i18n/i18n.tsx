/**
 * The language lives in the URL (`?lang=`) and in memory only: storing it would leave a
 * trace in the browser that someone used this site. `t()` is typed by the English catalog,
 * which the other catalogs must match key for key.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Localized } from '../../../shared/api/common.schema';
import { useRouter } from '../router/router';
import { ar } from './ar';
import { en, type MessageKey } from './en';
import { fr } from './fr';
import { DIRECTION, LOCALES, isLang, preferredLang, type Lang } from './languages';

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const CATALOGS: Record<Lang, Record<MessageKey, string>> = { ar, fr, en };

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

interface I18nValue {
  lang: Lang;
  dir: 'rtl' | 'ltr';
  t: Translate;
  setLang(lang: Lang): void;
  /** picks this language from a server-provided text */
  local(text: Localized): string;
  formatDate(iso: string, withTime?: boolean): string;
  formatBytes(bytes: number): string;
}

const I18nContext = createContext<I18nValue | null>(null);

function makeValue(lang: Lang, setLang: (lang: Lang) => void): I18nValue {
  const catalog = CATALOGS[lang];
  const locale = LOCALES[lang];
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
  return {
    lang,
    dir: DIRECTION[lang],
    setLang,
    t: (key, params) => interpolate(catalog[key], params),
    local: (text) => text[lang],
    formatDate: (iso, withTime = false) => {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      return (withTime ? dateTimeFormat : dateFormat).format(date);
    },
    formatBytes: (bytes) => {
      const [unit, value] = bytes >= 1024 * 1024 ? (['megabyte', bytes / (1024 * 1024)] as const) : (['kilobyte', Math.max(1, bytes / 1024)] as const);
      return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
    },
  };
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const { search, navigate, path } = useRouter();
  const fromUrl = search.get('lang');
  const lang: Lang = isLang(fromUrl) ? fromUrl : preferredLang(navigator.languages ?? [navigator.language]);
  const dir = DIRECTION[lang];

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dir;
  }, [lang, dir]);

  const setLang = useCallback(
    (next: Lang) => {
      const params = new URLSearchParams(search);
      params.set('lang', next);
      navigate(`${path}?${params.toString()}`, { replace: true });
    },
    [navigate, path, search],
  );

  const value = useMemo<I18nValue>(() => makeValue(lang, setLang), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/**
 * One part of a page in another language than the page's own (the administrator's preview
 * of a reporter's form in Arabic, French and English side by side). It leaves the document's
 * language and direction alone; the caller sets `lang` and `dir` on its container.
 */
export function FixedLangProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const outer = useI18n();
  const value = useMemo<I18nValue>(() => makeValue(lang, outer.setLang), [lang, outer.setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
