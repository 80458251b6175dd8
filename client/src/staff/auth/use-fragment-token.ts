/**
 * One-time links carry their token in the #fragment, which browsers never send to a server
 * or put in a Referer. The page reads it once, then removes it from the address bar, so it
 * does not stay in history or get shared with a screenshot of the address.
 */
import { useEffect, useState } from 'react';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function useFragmentToken(): string | null {
  const [token] = useState<string | null>(() => {
    const value = window.location.hash.slice(1);
    return TOKEN.test(value) ? value : null;
  });
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  }, []);
  return token;
}
