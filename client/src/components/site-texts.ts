/**
 * The few fixed words around what an administrator writes for the public pages (headings,
 * the logo's text alternative). A small catalogue of its own beside the reporter's, so the
 * administrator's texts can be framed without touching the shared catalogues.
 */
import type { Lang } from '../../../shared/api/common.schema';

export const SITE_TEXTS: Record<Lang, { contact: string; privacy: string; otherChannels: string; logo: string }> = {
  ar: { contact: 'للتواصل', privacy: 'الخصوصية', otherChannels: 'جهات أخرى يمكنكم التوجه إليها', logo: 'شعار {name}' },
  fr: { contact: 'Contact', privacy: 'Confidentialité', otherChannels: 'Où vous adresser ailleurs', logo: 'Logo de {name}' },
  en: { contact: 'Contact', privacy: 'Privacy', otherChannels: 'Where else you can turn', logo: 'Logo of {name}' },
};
