/**
 * The staff workspace's messages: a catalog of their own beside the reporter's (the same
 * language from the URL, the same interpolation), so the reporter's pages never load them.
 * `t` takes a staff key; `tr` reaches the reporter catalog for what both share (statuses,
 * outcomes).
 */
import { useMemo } from 'react';
import { interpolate, useI18n, type Params } from '../../i18n/i18n';
import type { Lang } from '../../i18n/languages';
import { adminAr } from './admin-ar';
import { adminEn, type AdminMessageKey } from './admin-en';
import { adminFr } from './admin-fr';
import { staffAr } from './staff-ar';
import { staffEn, type StaffMessageKey as WorkspaceKey } from './staff-en';
import { staffFr } from './staff-fr';

/** the workspace's keys and the administration console's (admin-*.ts, kept in files of their own) */
export type StaffMessageKey = WorkspaceKey | AdminMessageKey;
export type StaffTranslate = (key: StaffMessageKey, params?: Params) => string;

const CATALOGS: Record<Lang, Record<StaffMessageKey, string>> = {
  ar: { ...staffAr, ...adminAr },
  fr: { ...staffFr, ...adminFr },
  en: { ...staffEn, ...adminEn },
};

export function useStaffI18n() {
  const base = useI18n();
  const t = useMemo<StaffTranslate>(() => {
    const catalog = CATALOGS[base.lang];
    return (key, params) => interpolate(catalog[key], params);
  }, [base.lang]);
  return { ...base, t, tr: base.t };
}
