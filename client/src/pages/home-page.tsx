/**
 * Lists the reporting channels (switched-off ones are not sent); one without an active
 * officer is shown but cannot be chosen, with the administrator's "where else to turn" text.
 * The introduction and privacy notice are the administrator's when set.
 */
import type { PublicChannel } from '../../../shared/api/channel.schema';
import { usePublicInfo } from '../api/use-public-info';
import { ErrorMessage } from '../components/error-message';
import { OtherChannels } from '../components/other-channels';
import { SITE_TEXTS } from '../components/site-texts';
import { useSite, useSiteText } from '../components/use-site';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router/router';
import './home-page.css';

function ChannelItem({ channel }: { channel: PublicChannel }) {
  const { t, local } = useI18n();
  const name = local(channel.definition.name);
  const description = local(channel.definition.description);
  if (!channel.available) {
    return (
      <li className="channel channel-unavailable" aria-disabled="true" data-testid={`channel-${channel.slug}`} data-available="false">
        <span className="channel-name">{name}</span>
        <span className="channel-description">{description}</span>
        <span className="channel-state">{t('home.unavailable')}</span>
        <OtherChannels compact />
      </li>
    );
  }
  return (
    <li className="channel">
      <Link to={`/report/${encodeURIComponent(channel.slug)}`} className="channel-link" data-testid={`channel-${channel.slug}`} data-available="true">
        <span className="channel-name">{name}</span>
        <span className="channel-description">{description}</span>
      </Link>
    </li>
  );
}

export function HomePage() {
  const { t, lang } = useI18n();
  const info = usePublicInfo();
  const site = useSite();
  const text = useSiteText();
  const intro = text(site?.texts.home);
  const privacy = text(site?.texts.privacy);
  return (
    <section className="page home">
      <h1>{t('home.title')}</h1>
      {intro ? (
        <p className="lead site-text" data-testid="home-text">
          {intro}
        </p>
      ) : (
        <p className="lead">{t('home.intro')}</p>
      )}
      <h2>{t('home.channels')}</h2>
      {info.state === 'loading' && (
        <p role="status" aria-live="polite">
          {t('common.loading')}
        </p>
      )}
      {info.state === 'failed' && <ErrorMessage error={info.error} onRetry={info.reload} />}
      {info.state === 'ready' &&
        (info.info.channels.length === 0 ? (
          <p>{t('home.noChannels')}</p>
        ) : (
          <ul className="channel-list" data-testid="channel-list">
            {info.info.channels.map((channel) => (
              <ChannelItem key={channel.id} channel={channel} />
            ))}
          </ul>
        ))}
      {privacy && (
        <section className="privacy-notice" aria-labelledby="privacy-heading" data-testid="privacy-text">
          <h2 id="privacy-heading">{SITE_TEXTS[lang].privacy}</h2>
          <p className="site-text">{privacy}</p>
        </section>
      )}
      <aside className="follow-up-teaser">
        <h2>{t('home.followUpTitle')}</h2>
        <p>{t('home.followUpText')}</p>
        <Link to="/follow-up" className="button-secondary" data-testid="home-follow-up">
          {t('home.followUpLink')}
        </Link>
      </aside>
    </section>
  );
}
