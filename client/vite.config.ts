/**
 * Builds the browser app into dist/client, served by the Express server. The CSP forbids
 * inline script and style, so nothing may be inlined into index.html: no module-preload
 * polyfill (it is an inline script), no assets turned into data: URLs.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.plugin';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/client', import.meta.url));

/**
 * libsodium-wrappers-sumo's ES module imports "./libsodium-sumo.mjs", a file that lives in
 * the separate libsodium-sumo package (a packaging bug of 0.7.14+); point it there.
 */
function libsodiumEsm(): Plugin {
  return {
    name: 'amana-libsodium-esm',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== './libsodium-sumo.mjs' || !importer?.includes('libsodium-wrappers-sumo')) return null;
      return this.resolve('libsodium-sumo', importer, { skipSelf: true });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [libsodiumEsm(), react(), precompress(`${outDir}/assets`)],
  // Reporters' browsers must never be pointed at a third party; Vite's dev client is local.
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  worker: { format: 'es', plugins: () => [libsodiumEsm()] },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    sourcemap: false,
    // libsodium (1 MB of JavaScript-wrapped WebAssembly) gets its own chunk from the crypto
    // module's dynamic import, fetched only when WebAssembly is available. No manualChunks for
    // it: Rollup would move shared helpers into it and the entry would import it statically,
    // which in Tor Browser "Safer" would load libsodium on every page.
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      output: {
        manualChunks(id) {
          return /node_modules\/(react|react-dom|scheduler)\//.test(id) ? 'react' : undefined;
        },
      },
    },
  },
});
