/**
 * Providers, the four reporter pages and the staff workspace (its own chunk). The receipt
 * code of a report just sent is held here, in React state only: it must never reach
 * storage, history or the URL.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { CryptoProvider } from './crypto/crypto-context';
import { I18nProvider } from './i18n/i18n';
import { SiteFooter } from './components/site-footer';
import { SiteHeader } from './components/site-header';
import { FollowUpPage } from './pages/follow-up-page';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
import { ReceiptPage, type SentReport } from './pages/receipt-page';
import { ReportPage } from './pages/report-page';
import { RouterProvider, matchPath, useRouter } from './router/router';
import { isStaffPath } from './staff/staff-paths';

// The staff workspace is its own chunk: a reporter's browser never downloads it.
const StaffApp = lazy(() => import('./staff/staff-app'));
// The public transparency page brings the statistics code and its charts: loaded only there.
const TransparencyPage = lazy(() => import('./transparency/transparency-page'));

function Routes() {
  const { path, navigate, visit } = useRouter();
  const [sent, setSent] = useState<SentReport | null>(null);
  // Once the reporter has left the receipt page, the code is dropped from memory.
  useEffect(() => {
    if (path !== '/receipt') setSent(null);
  }, [path]);

  if (path === '/') return <HomePage />;
  const report = matchPath('/report/:channelSlug', path);
  if (report) {
    return (
      <ReportPage
        key={report.channelSlug}
        channelSlug={report.channelSlug!}
        onSent={(result) => {
          setSent(result);
          navigate('/receipt');
        }}
      />
    );
  }
  if (path === '/receipt') return <ReceiptPage sent={sent} onDone={() => setSent(null)} />;
  // A new visit (the header's "Follow up" link while a case is open) leaves the case: the
  // page, its session token and its case key are dropped, and the receipt form shows again.
  if (path === '/follow-up') return <FollowUpPage key={visit} />;
  if (path === '/transparency') {
    return (
      <Suspense fallback={null}>
        <TransparencyPage />
      </Suspense>
    );
  }
  return <NotFoundPage />;
}

function Shell() {
  const { path } = useRouter();
  if (isStaffPath(path)) {
    return (
      <Suspense fallback={null}>
        <StaffApp />
      </Suspense>
    );
  }
  return (
    <div className="layout">
      <SiteHeader />
      <main id="content" className="content" tabIndex={-1}>
        <Routes />
      </main>
      <SiteFooter />
    </div>
  );
}

export function App() {
  return (
    <RouterProvider>
      <I18nProvider>
        <CryptoProvider>
          <Shell />
        </CryptoProvider>
      </I18nProvider>
    </RouterProvider>
  );
}
