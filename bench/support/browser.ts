/**
 * What the browser benchmark needs around Chromium: the page's bundle (esbuild, which comes
 * with Vite, over shared/crypto), a static server for it on 127.0.0.1 (a secure context, so
 * crypto.subtle exists), and a headless Chromium with the flags the issue fixes.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from './paths';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * libsodium-wrappers-sumo's ES module imports "./libsodium-sumo.mjs", which lives in the
 * libsodium-sumo package (the packaging bug client/vite.config.ts works around the same way).
 */
const libsodiumEsm: Plugin = {
  name: 'amana-libsodium-esm',
  setup(b) {
    b.onResolve({ filter: /^\.\/libsodium-sumo\.mjs$/ }, async (args) => {
      if (!args.importer.includes('libsodium-wrappers-sumo')) return undefined;
      const found = await b.resolve('libsodium-sumo', { kind: 'import-statement', resolveDir: path.dirname(args.importer) });
      return found.errors.length > 0 ? { errors: found.errors } : { path: found.path };
    });
  },
};

/** Bundles bench/browser/<name>.ts for the browser; returns the JavaScript. */
export async function bundlePage(name: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'bench', 'browser', `${name}.ts`)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    plugins: [libsodiumEsm],
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced nothing for ${name}`);
  return output.text;
}

/** Serves the page's HTML at / and its bundle at /<name>.js. */
export function servePage(name: string, bundle: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = readFileSync(path.join(ROOT, 'bench', 'browser', 'crypto-bench.html'));
  const server = http.createServer((req, res) => {
    if (req.url === `/${name}.js`) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    if (req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    res.writeHead(404).end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

export function launch(jitless: boolean): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...(jitless ? ['--js-flags=--jitless'] : [])] });
}
