/**
 * A tiny history router: four reporter paths do not justify a dependency. The server
 * answers index.html for every non-API path, so deep links work. `?lang=` survives every
 * navigation because the language is kept in the URL, never in storage.
 * Nothing sensitive is ever put in history.state: browsers write it to disk for session restore.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** Returns true to keep the user on the current page. */
export type Blocker = () => boolean;

interface Location {
  path: string;
  search: URLSearchParams;
  /**
   * Counts the visits (pushes and back/forward, not replacements such as a language
   * change): following a link to the page one is on starts that page afresh.
   */
  visit: number;
}

interface RouterValue extends Location {
  navigate(to: string, options?: { replace?: boolean }): void;
  setBlocker(blocker: Blocker | null): void;
}

const RouterContext = createContext<RouterValue | null>(null);

function readLocation(visit = 0): Location {
  return { path: window.location.pathname, search: new URLSearchParams(window.location.search), visit };
}

/** Carries `lang` over to a target that does not set it. */
export function withKeptParams(to: string, current: URLSearchParams): string {
  const url = new URL(to, window.location.origin);
  const lang = current.get('lang');
  if (lang && !url.searchParams.has('lang')) url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}${url.hash}`;
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(() => readLocation());
  const blocker = useRef<Blocker | null>(null);
  // The URL we are on, so a blocked back button can be undone.
  const current = useRef(window.location.href);

  useEffect(() => {
    const onPop = () => {
      if (blocker.current?.()) {
        window.history.pushState(null, '', current.current);
        return;
      }
      current.current = window.location.href;
      setLocation((was) => readLocation(was.visit + 1));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((to: string, options?: { replace?: boolean }) => {
    const target = withKeptParams(to, new URLSearchParams(window.location.search));
    const samePath = new URL(target, window.location.origin).pathname === window.location.pathname;
    if (!samePath && blocker.current?.()) return;
    if (options?.replace) window.history.replaceState(null, '', target);
    else window.history.pushState(null, '', target);
    current.current = window.location.href;
    setLocation((was) => readLocation(options?.replace ? was.visit : was.visit + 1));
    if (!samePath) window.scrollTo(0, 0);
  }, []);

  const setBlocker = useCallback((next: Blocker | null) => {
    blocker.current = next;
  }, []);

  const value = useMemo(() => ({ ...location, navigate, setBlocker }), [location, navigate, setBlocker]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}

/** Matches `/report/:channelSlug` style patterns; returns the decoded parameters. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const { navigate, search } = useRouter();
  const href = withKeptParams(to, search);
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={href} onClick={handle} {...rest}>
      {children}
    </a>
  );
}

/**
 * While `active`, in-app navigation and the back button ask `shouldBlock` (which may explain
 * or confirm) and closing the tab asks the browser's own confirmation.
 */
export function useLeaveGuard(active: boolean, shouldBlock: Blocker): void {
  const { setBlocker } = useRouter();
  const latest = useRef(shouldBlock);
  useEffect(() => {
    latest.current = shouldBlock;
  });
  useEffect(() => {
    if (!active) return undefined;
    setBlocker(() => latest.current());
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need returnValue set to show the dialog.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      setBlocker(null);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [active, setBlocker]);
}
