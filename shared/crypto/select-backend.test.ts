import type { CryptoBackend } from './backend';
import { loadNobleBackend } from './noble.backend';
import { loadBackend, loadCrypto, webAssemblyAvailable, type BackendLoaders } from './select-backend';

function fakeLoaders(libsodium: () => Promise<CryptoBackend>): BackendLoaders & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    libsodium: () => {
      calls.push('libsodium');
      return libsodium();
    },
    noble: () => {
      calls.push('noble');
      return loadNobleBackend();
    },
  };
}

function withoutWebAssembly(replacement: unknown, run: () => Promise<void>): Promise<void> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly');
  Object.defineProperty(globalThis, 'WebAssembly', { value: replacement, configurable: true, writable: true });
  return run().finally(() => {
    if (saved !== undefined) Object.defineProperty(globalThis, 'WebAssembly', saved);
  });
}

test('libsodium is chosen where WebAssembly works, noble on request', async () => {
  expect(webAssemblyAvailable()).toBe(true);
  expect((await loadCrypto()).name).toBe('libsodium');
  expect((await loadCrypto('noble')).name).toBe('noble');
  expect((await loadBackend('noble')).name).toBe('noble');
});

test.each([
  ['WebAssembly removed (Tor Browser "Safer")', undefined],
  ['WebAssembly.instantiate missing', { Module: class {} }],
  [
    'compilation refused by a CSP without wasm-unsafe-eval',
    {
      instantiate: () => Promise.reject(new Error('refused')),
      Module: class {
        constructor() {
          throw new Error("Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not allowed");
        }
      },
    },
  ],
])('%s: noble, without even trying libsodium', async (_label, replacement) => {
  await withoutWebAssembly(replacement, async () => {
    expect(webAssemblyAvailable()).toBe(false);
    const loaders = fakeLoaders(() => Promise.reject(new Error('must not be called')));
    expect((await loadCrypto('libsodium', loaders)).name).toBe('noble');
    expect(loaders.calls).toEqual(['noble']);
  });
});

test('libsodium failing to load (CSP, blocked chunk, failed self-test) falls back to noble', async () => {
  const loaders = fakeLoaders(() => Promise.reject(new TypeError('WebAssembly.instantiate is not a function')));
  expect((await loadCrypto('libsodium', loaders)).name).toBe('noble');
  expect(loaders.calls).toEqual(['libsodium', 'noble']);
  await expect(loadBackend('libsodium', loaders)).rejects.toThrow('WebAssembly.instantiate');
});

test('libsodium that never becomes ready is abandoned after 15 s', async () => {
  jest.useFakeTimers();
  try {
    const loaders = fakeLoaders(() => new Promise<CryptoBackend>(() => undefined));
    const chosen = loadCrypto('libsodium', loaders);
    await jest.advanceTimersByTimeAsync(14999);
    expect(loaders.calls).toEqual(['libsodium']);
    await jest.advanceTimersByTimeAsync(1);
    expect((await chosen).name).toBe('noble');
  } finally {
    jest.useRealTimers();
  }
});

test('backends are loaded once and shared', async () => {
  expect(await loadBackend('libsodium')).toBe(await loadBackend('libsodium'));
  expect(await loadBackend('noble')).toBe(await loadBackend('noble'));
});
