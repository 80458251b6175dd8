/** The administrator's "where else to turn" text, for a reporter whose channel cannot take reports now. */
import { useI18n } from '../i18n/i18n';
import { SITE_TEXTS } from './site-texts';
import { useSite, useSiteText } from './use-site';

export function OtherChannels({ compact = false }: { compact?: boolean }) {
  const { lang } = useI18n();
  const site = useSite();
  const text = useSiteText()(site?.texts.otherChannels);
  if (!text) return null;
  return (
    <div className={compact ? 'other-channels other-channels-compact' : 'other-channels'} data-testid="other-channels">
      {compact ? <span className="other-channels-heading">{SITE_TEXTS[lang].otherChannels}</span> : <h2>{SITE_TEXTS[lang].otherChannels}</h2>}
      <p className="site-text">{text}</p>
    </div>
  );
}
