/**
 * Loads the crypto backend once per page load, and only when a page needs it: libsodium when
 * WebAssembly works, the noble (pure JavaScript) backend otherwise, as in Tor Browser's "Safer"
 * level. A page asks for it with useCrypto(); the home page, the receipt page and the
 * transparency page never do, so a reporter who only reads them downloads no crypto at all
 * (over Tor, libsodium's chunk alone is seconds of transfer). The footer only watches.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { loadAmanaCrypto, type AmanaCrypto } from '../../../shared/crypto/index';

export type CryptoState = { state: 'loading' } | { state: 'ready'; crypto: AmanaCrypto } | { state: 'failed' };
/** What the footer shows: 'idle' until some page has asked for the crypto. */
export type CryptoStatus = CryptoState | { state: 'idle' };

interface CryptoHolder {
  status: CryptoStatus;
  request(): void;
}

const CryptoContext = createContext<CryptoHolder>({ status: { state: 'idle' }, request: () => undefined });

/** `?crypto=noble` forces compatibility mode, so the fallback can be tried in any browser. */
function preferredBackend(): 'libsodium' | 'noble' {
  return new URLSearchParams(window.location.search).get('crypto') === 'noble' ? 'noble' : 'libsodium';
}

export function CryptoProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<CryptoStatus>({ state: 'idle' });
  const started = useRef(false);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const request = useCallback(() => {
    if (started.current) return;
    started.current = true;
    setStatus({ state: 'loading' });
    loadAmanaCrypto(preferredBackend()).then(
      (crypto) => live.current && setStatus({ state: 'ready', crypto }),
      () => live.current && setStatus({ state: 'failed' }),
    );
  }, []);
  const holder = useMemo(() => ({ status, request }), [status, request]);
  return <CryptoContext.Provider value={holder}>{children}</CryptoContext.Provider>;
}

/** The backend for a page that encrypts or decrypts: asking for it starts the download. */
export function useCrypto(): CryptoState {
  const { status, request } = useContext(CryptoContext);
  useEffect(request, [request]);
  return status.state === 'idle' ? { state: 'loading' } : status;
}

/** The backend's state without asking for it (the footer). */
export function useCryptoStatus(): CryptoStatus {
  return useContext(CryptoContext).status;
}
