/**
 * Loads the crypto backend once per page load: libsodium when WebAssembly works, the noble
 * (pure JavaScript) backend otherwise, as in Tor Browser's "Safer" level. Pages read the
 * backend from here; the footer shows which one runs.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { loadAmanaCrypto, type AmanaCrypto } from '../../../shared/crypto/index';

export type CryptoState = { state: 'loading' } | { state: 'ready'; crypto: AmanaCrypto } | { state: 'failed' };

const CryptoContext = createContext<CryptoState>({ state: 'loading' });

/** `?crypto=noble` forces compatibility mode, so the fallback can be tried in any browser. */
function preferredBackend(): 'libsodium' | 'noble' {
  return new URLSearchParams(window.location.search).get('crypto') === 'noble' ? 'noble' : 'libsodium';
}

export function CryptoProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<CryptoState>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    loadAmanaCrypto(preferredBackend()).then(
      (crypto) => live && setState({ state: 'ready', crypto }),
      () => live && setState({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, []);
  return <CryptoContext.Provider value={state}>{children}</CryptoContext.Provider>;
}

export function useCrypto(): CryptoState {
  return useContext(CryptoContext);
}
