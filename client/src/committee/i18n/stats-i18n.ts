/**
 * The statistics pages' catalog, beside the reporter's and the staff's (the same language
 * from the URL, the same interpolation), and how a withheld or published cell reads.
 */
import { useMemo } from 'react';
import type { Cell, PublicFigure } from '../../../../shared/api/statistics.schema';
import { interpolate, useI18n, type Params } from '../../i18n/i18n';
import { LOCALES, type Lang } from '../../i18n/languages';
import { statsAr } from './stats-ar';
import { statsEn, type StatsMessageKey } from './stats-en';
import { statsFr } from './stats-fr';

export type { StatsMessageKey };
const CATALOGS: Record<Lang, Record<StatsMessageKey, string>> = { ar: statsAr, fr: statsFr, en: statsEn };

export type CellKind = 'count' | 'rate' | 'hours';
/** `short`: in a table ("40 ± 6"); `words`: in a sentence ("about 40, give or take 6") */
export type FigureStyle = 'short' | 'words';

export function useStatsI18n() {
  const base = useI18n();
  return useMemo(() => {
    const catalog = CATALOGS[base.lang];
    const locale = LOCALES[base.lang];
    const t = (key: StatsMessageKey, params?: Params): string => interpolate(catalog[key], params);
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const monthLongFormat = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const dateFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    /** a withheld cell says why, in words; a published one in this language's number format */
    const cell = (value: Cell | undefined, kind: CellKind, k: number): string => {
      if (!value || value.status === 'suppressed') return t('stats.cell.suppressed');
      if (value.status === 'fewer_than_k') return t('stats.cell.fewer_than_k', { k });
      if (value.status === 'none') return t('stats.cell.none');
      if (kind === 'rate') return percent.format(value.value);
      if (kind === 'hours') return t('common.hours', { hours: integer.format(value.value), days: decimal.format(value.value / 24) });
      return integer.format(value.value);
    };
    /** a public figure with its margin or as a range; shares in percent and percentage points */
    const figure = (value: PublicFigure | undefined, kind: 'count' | 'rate', style: FigureStyle): string => {
      if (!value || value.status === 'absent') return t(style === 'words' ? 'figure.absentWords' : 'figure.absent');
      if (value.status === 'too_few') return t('figure.tooFew');
      if (value.status === 'small') return t(style === 'words' ? 'figure.smallWords' : 'figure.small', { upTo: integer.format(value.upTo) });
      if (kind === 'rate') {
        const params = { value: percent.format(value.value), margin: integer.format(Math.max(1, Math.round(value.margin * 100))) };
        return t(style === 'words' ? 'figure.shareAbout' : 'figure.aboutShort', params);
      }
      return t(style === 'words' ? 'figure.about' : 'figure.aboutShort', { value: integer.format(value.value), margin: integer.format(value.margin) });
    };
    const month = (key: string): string => monthFormat.format(new Date(`${key}-01T00:00:00Z`));
    const monthLong = (key: string): string => monthLongFormat.format(new Date(`${key}-01T00:00:00Z`));
    const date = (iso: string): string => dateFormat.format(new Date(iso));
    return { ...base, t, cell, figure, month, monthLong, date, integer };
  }, [base]);
}

export type StatsI18n = ReturnType<typeof useStatsI18n>;
