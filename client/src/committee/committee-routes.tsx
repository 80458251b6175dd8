/**
 * The statistics pages inside the staff workspace, for the ethics committee and the
 * administrators: their addresses, the pages (each its own chunk, so officers' browsers do
 * not fetch them until asked) and the header links. Other roles are refused here as the
 * server refuses them.
 */
import { lazy, Suspense } from 'react';
import { Link } from '../router/router';
import { STAFF_PATHS } from '../staff/staff-paths';
import { useStaffSession } from '../staff/staff-session';
import { useStatsI18n } from './i18n/stats-i18n';

const DashboardPage = lazy(() => import('./dashboard-page'));
const AnnualReportPage = lazy(() => import('./annual-report-page'));

export function isCommitteePath(path: string): boolean {
  return path === STAFF_PATHS.statistics || path === STAFF_PATHS.annualReport;
}

function useMayRead(): boolean {
  const { has } = useStaffSession();
  return has('committee') || has('admin');
}

export function CommitteePage({ path }: { path: string }) {
  const { t } = useStatsI18n();
  if (!useMayRead()) return <p className="notice notice-error" data-testid="staff-forbidden">{t('common.forbidden')}</p>;
  return (
    <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
      {path === STAFF_PATHS.annualReport ? <AnnualReportPage /> : <DashboardPage />}
    </Suspense>
  );
}

export function CommitteeNavLinks() {
  const { t } = useStatsI18n();
  if (!useMayRead()) return null;
  return (
    <>
      <Link to={STAFF_PATHS.statistics} data-testid="nav-statistics">{t('nav.statistics')}</Link>
      <Link to={STAFF_PATHS.annualReport} data-testid="nav-annual-report">{t('nav.annualReport')}</Link>
    </>
  );
}
