/**
 * The installation's public face as the administrator set it (installation.site in
 * GET /public/channels): the organisation's name, logo, texts and accent colour. The accent
 * is applied as the --accent custom property through CSSOM (style.setProperty), which the
 * strict CSP allows, never through a style attribute or an inline script.
 */
import { useEffect } from 'react';
import type { PublicSite } from '../../../shared/api/admin.schema';
import { siteOf, usePublicInfo } from '../api/use-public-info';
import { useI18n } from '../i18n/i18n';

const HEX = /^#[0-9a-fA-F]{6}$/;

export function useSite(): PublicSite | null {
  const info = usePublicInfo();
  return info.state === 'ready' ? siteOf(info.info) : null;
}

/** this language's version of a site text, or '' */
export function useSiteText(): (text: Record<'ar' | 'fr' | 'en', string> | undefined) => string {
  const { lang } = useI18n();
  return (text) => (text?.[lang] ?? '').trim();
}

export function useSiteAccent(site: PublicSite | null): void {
  const accent = site?.accentColor;
  useEffect(() => {
    const root = document.documentElement.style;
    if (accent && HEX.test(accent)) root.setProperty('--accent', accent);
    else root.removeProperty('--accent');
  }, [accent]);
}
