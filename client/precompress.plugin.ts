/**
 * Writes a brotli (.br) and a gzip (.gz) copy next to every file of dist/client/assets once the
 * build is written, with node:zlib at its highest levels: the server sends them as they are
 * (server/middleware/static-assets.ts), so compressing costs the build seconds once instead of
 * every response CPU time. Over Tor, where a reporter gets 1-2 Mbit/s, this is the difference
 * between about 1 MB and 300 KB of libsodium. A copy that is not smaller is not written.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|wasm|txt|map)$/;

async function compressFile(file: string): Promise<void> {
  const raw = await readFile(file);
  const text = !file.endsWith('.wasm');
  const [br, gzipped] = await Promise.all([
    brotli(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gz(raw, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  if (br.length < raw.length) await writeFile(`${file}.br`, br);
  if (gzipped.length < raw.length) await writeFile(`${file}.gz`, gzipped);
}

export function precompress(assetsDir: string): Plugin {
  return {
    name: 'amana-precompress',
    apply: 'build',
    async closeBundle() {
      const names = (await readdir(assetsDir)).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(names.map((name) => compressFile(path.join(assetsDir, name))));
    },
  };
}
