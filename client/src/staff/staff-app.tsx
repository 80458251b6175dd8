/**
 * The staff workspace: first setup, activation, sign-in and recovery for anyone, and the
 * signed-in pages by role. It is its own chunk, loaded only on staff addresses. A page that
 * needs a session shows the sign-in form in place, and continues once signed in.
 */
import { CommitteePage, isCommitteePath } from '../committee/committee-routes';
import { useCrypto } from '../crypto/crypto-context';
import { AdminHome } from './admin/admin-home';
import { ChannelsPage, isChannelsPath } from './admin/channels-page';
import { ReadinessPage } from './admin/readiness-page';
import { SettingsPage } from './admin/settings-page';
import { matchPath, useRouter } from '../router/router';
import { useStaffI18n } from './i18n/staff-i18n';
import { ActivatePage } from './pages/activate-page';
import { AdminPage } from './pages/admin-page';
import { CasePage } from './pages/case-page';
import { IdentityRequestsPage } from './pages/identity-requests-page';
import { InboxPage } from './pages/inbox-page';
import { LoginPage } from './pages/login-page';
import { MePage } from './pages/me-page';
import { RecoverPage } from './pages/recover-page';
import { SetupPage } from './pages/setup-page';
import { StaffFooter } from './staff-footer';
import { StaffHeader } from './staff-header';
import { STAFF_PATHS } from './staff-paths';
import { StaffSessionProvider, useStaffSession } from './staff-session';
import './staff.css';

function Forbidden() {
  const { t } = useStaffI18n();
  return <p className="notice notice-error" data-testid="staff-forbidden">{t('app.forbidden')}</p>;
}

function SignedInRoutes({ path }: { path: string }) {
  const { t } = useStaffI18n();
  const { has } = useStaffSession();
  if (path === STAFF_PATHS.home || path === STAFF_PATHS.login) {
    if (has('officer')) return <InboxPage />;
    const otherwise = has('committee') ? <CommitteePage path={STAFF_PATHS.statistics} /> : <MePage />;
    return has('admin') ? <AdminHome otherwise={otherwise} /> : otherwise;
  }
  if (isCommitteePath(path)) return <CommitteePage path={path} />;
  const opened = matchPath('/staff/cases/:id', path);
  if (opened?.id) return has('officer') ? <CasePage key={opened.id} caseId={opened.id} /> : <Forbidden />;
  if (path === STAFF_PATHS.identityRequests) return has('custodian') ? <IdentityRequestsPage /> : <Forbidden />;
  if (path === STAFF_PATHS.admin) return has('admin') ? <AdminPage /> : <Forbidden />;
  if (path === STAFF_PATHS.readiness) return has('admin') ? <ReadinessPage /> : <Forbidden />;
  if (path === STAFF_PATHS.settings) return has('admin') ? <SettingsPage /> : <Forbidden />;
  if (path === STAFF_PATHS.transparencySettings) return has('admin') ? <CommitteePage path={STAFF_PATHS.statistics} /> : <Forbidden />;
  if (isChannelsPath(path)) return has('admin') ? <ChannelsPage path={path} /> : <Forbidden />;
  if (path === STAFF_PATHS.me) return <MePage />;
  return <p className="notice">{t('app.notFound')}</p>;
}

function StaffRoutes() {
  const { t } = useStaffI18n();
  const { path } = useRouter();
  const crypto = useCrypto();
  const { current } = useStaffSession();
  if (crypto.state === 'loading') return <p role="status">{t('app.loadingCrypto')}</p>;
  if (crypto.state === 'failed') return <p className="notice notice-error">{t('app.cryptoFailed')}</p>;
  const slow = crypto.crypto.backendName === 'noble' ? <p className="notice notice-warning" data-testid="staff-no-wasm">{t('app.noWasm')}</p> : null;
  let page;
  if (path === STAFF_PATHS.setup) page = <SetupPage crypto={crypto.crypto} />;
  else if (path === STAFF_PATHS.activate) page = <ActivatePage crypto={crypto.crypto} />;
  else if (path === STAFF_PATHS.recover) page = <RecoverPage crypto={crypto.crypto} />;
  else if (!current) page = <LoginPage crypto={crypto.crypto} />;
  else page = <SignedInRoutes path={path} />;
  return (
    <>
      {slow}
      {page}
    </>
  );
}

export function StaffApp() {
  return (
    <StaffSessionProvider>
      <div className="layout staff-layout">
        <StaffHeader />
        <main id="content" className="content staff-content" tabIndex={-1}>
          <StaffRoutes />
        </main>
        <StaffFooter />
      </div>
    </StaffSessionProvider>
  );
}

export default StaffApp;
