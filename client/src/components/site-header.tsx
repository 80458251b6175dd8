/**
 * The reporter pages' header: the organisation's logo and name as the administrator set them
 * (served by this installation only), else Amana's own name.
 */
import { interpolate, useI18n } from '../i18n/i18n';
import { Link } from '../router/router';
import { LanguageSwitcher } from './language-switcher';
import { SITE_TEXTS } from './site-texts';
import { useSite, useSiteAccent, useSiteText } from './use-site';

export function SiteHeader() {
  const { t, lang } = useI18n();
  const site = useSite();
  const text = useSiteText();
  useSiteAccent(site);
  const organisation = text(site?.organisation.name);
  const name = organisation || t('app.name');
  return (
    <header className="site-header">
      <a className="skip-link" href="#content">
        {t('app.skip')}
      </a>
      <div className="site-header-inner">
        <Link to="/" className="brand" data-testid="nav-home">
          {site?.hasLogo && <img className="brand-logo" src="/api/v1/public/logo" alt={interpolate(SITE_TEXTS[lang].logo, { name })} data-testid="site-logo" />}
          <span className="brand-name" data-testid="site-name">
            {name}
          </span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        <nav className="site-nav">
          <Link to="/follow-up" data-testid="nav-follow-up">
            {t('nav.followUp')}
          </Link>
        </nav>
        <LanguageSwitcher />
      </div>
    </header>
  );
}
