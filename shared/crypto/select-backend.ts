/**
 * Chooses the backend at run time. libsodium (WebAssembly) is much faster, but Tor Browser at
 * its "Safer" level removes WebAssembly, and reporters are exactly the people who use that
 * setting; so whenever libsodium is missing or broken we fall back to noble, which produces the
 * same bytes. The choice never changes the protocol, only the speed.
 */
import type { BackendName, CryptoBackend } from './backend';

export interface BackendLoaders {
  libsodium: () => Promise<CryptoBackend>;
  noble: () => Promise<CryptoBackend>;
}

// A bounded wait: if the WebAssembly module never settles, a reporter must still be able to
// submit with noble rather than stare at a spinner.
const LIBSODIUM_TIMEOUT_MS = 15000;

const defaultLoaders: BackendLoaders = {
  // import() keeps each library in its own chunk; under CommonJS it becomes a require().
  libsodium: () => import('./libsodium.backend').then((m) => m.loadLibsodiumBackend()),
  noble: () => import('./noble.backend').then((m) => m.loadNobleBackend()),
};

// The smallest valid module: magic "\0asm" and version 1.
const EMPTY_MODULE = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);

/**
 * WebAssembly present and allowed to compile. A CSP without 'wasm-unsafe-eval' leaves the API in
 * place but refuses compilation; libsodium.js then silently runs its bundled wasm2js build, which
 * is slower than noble, so that case goes to noble too (and skips a 1.4 MB download).
 */
export function webAssemblyAvailable(): boolean {
  if (typeof WebAssembly !== 'object' || WebAssembly === null || typeof WebAssembly.instantiate !== 'function') return false;
  try {
    return new WebAssembly.Module(EMPTY_MODULE) instanceof WebAssembly.Module;
  } catch {
    return false;
  }
}

/**
 * The app's entry point: libsodium when WebAssembly is present and libsodium loads and passes
 * its self-test, noble otherwise. `prefer: 'noble'` skips libsodium (to test the fallback path
 * in a normal browser); `prefer: 'libsodium'` is the default preference and still falls back.
 */
export async function loadCrypto(prefer: BackendName = 'libsodium', loaders: BackendLoaders = defaultLoaders): Promise<CryptoBackend> {
  if (prefer === 'libsodium' && webAssemblyAvailable()) {
    try {
      return await withTimeout(loaders.libsodium(), LIBSODIUM_TIMEOUT_MS);
    } catch {
      // Deliberately silent: the reason (no WebAssembly, CSP, blocked chunk) is not an error
      // for the reporter, and logging it could fingerprint their browser settings.
    }
  }
  return loaders.noble();
}

/** Exactly the named backend, or a rejection: for tests and benchmarks that must not fall back. */
export function loadBackend(name: BackendName, loaders: BackendLoaders = defaultLoaders): Promise<CryptoBackend> {
  return loaders[name]();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`backend did not load within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
