/** The staff workspace's header: what the signed-in person's roles open, and signing out. */
import { useState } from 'react';
import { CommitteeNavLinks } from '../committee/committee-routes';
import { LanguageSwitcher } from '../components/language-switcher';
import { Link, useRouter } from '../router/router';
import { useStaffI18n } from './i18n/staff-i18n';
import { STAFF_PATHS } from './staff-paths';
import { useStaffSession } from './staff-session';

export function StaffHeader() {
  const { t } = useStaffI18n();
  const { navigate } = useRouter();
  const { current, has, signOut, ended } = useStaffSession();
  const [leaving, setLeaving] = useState(false);
  const leave = async () => {
    setLeaving(true);
    try {
      await signOut();
    } catch {
      // Signed out here whatever the server answered; its session ends by itself when idle.
    } finally {
      setLeaving(false);
      navigate(STAFF_PATHS.login);
    }
  };
  return (
    <header className="site-header staff-header no-print">
      <a className="skip-link" href="#content">
        {t('app.skip')}
      </a>
      <div className="site-header-inner staff-header-inner">
        <Link to={STAFF_PATHS.home} className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        {current && (
          <nav className="site-nav staff-nav" aria-label={t('nav.label')}>
            {has('officer') && <Link to={STAFF_PATHS.home} data-testid="nav-inbox">{t('nav.inbox')}</Link>}
            {has('custodian') && <Link to={STAFF_PATHS.identityRequests} data-testid="nav-identity">{t('nav.identity')}</Link>}
            {has('admin') && <Link to={STAFF_PATHS.admin} data-testid="nav-admin">{t('nav.admin')}</Link>}
            <CommitteeNavLinks />
            <Link to={STAFF_PATHS.me} data-testid="nav-me">
              {t('nav.me', { name: current.me.displayName })}
            </Link>
            <button type="button" className="button-link staff-signout" onClick={leave} disabled={leaving} data-testid="sign-out">
              {t('nav.signOut')}
            </button>
          </nav>
        )}
        <LanguageSwitcher />
      </div>
      {!current && ended === 'idle' && <p className="staff-ended" role="status" data-testid="session-ended">{t('session.idle')}</p>}
      {!current && ended === 'expired' && <p className="staff-ended" role="status" data-testid="session-ended">{t('session.expired')}</p>}
    </header>
  );
}
