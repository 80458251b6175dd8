/**
 * Builds the browser app into dist/client, served by the Express server. The CSP forbids
 * inline script and style, so nothing may be inlined into index.html: no module-preload
 * polyfill (it is an inline script), no assets turned into data: URLs.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // Reporters' browsers must never be pointed at a third party; Vite's dev client is local.
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    sourcemap: false,
    // libsodium (about 1 MB of WebAssembly in JS) loads only when WebAssembly is available.
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/libsodium')) return 'libsodium';
          if (id.includes('node_modules/@noble')) return 'noble';
          if (id.includes('node_modules/react')) return 'react';
          return undefined;
        },
      },
    },
  },
});
