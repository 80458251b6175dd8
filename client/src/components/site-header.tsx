import { useI18n } from '../i18n/i18n';
import { Link } from '../router/router';
import { LanguageSwitcher } from './language-switcher';

export function SiteHeader() {
  const { t } = useI18n();
  return (
    <header className="site-header">
      <a className="skip-link" href="#content">
        {t('app.skip')}
      </a>
      <div className="site-header-inner">
        <Link to="/" className="brand" data-testid="nav-home">
          <span className="brand-name">{t('app.name')}</span>
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
