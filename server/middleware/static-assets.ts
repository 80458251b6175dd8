/**
 * The built client's hashed files (dist/client/assets), sent precompressed: the build writes a
 * brotli and a gzip copy of each (client/precompress.plugin.ts), and this handler picks the one
 * the browser accepts (brotli, then gzip, then the file itself), with `Vary: Accept-Encoding`
 * so a cache keeps them apart and `immutable` caching, since a hashed name never changes
 * content. Nothing is compressed per request. The files are read once at start-up: a few MB,
 * and a missing file is known without touching the disk. A name that is not a built file is a
 * 404 with the stable id `not_found` (never a fall-through to index.html, which would hand a
 * script tag HTML).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { NotFound } from '../errors';
import { send } from './error-handler';

export type AssetEncoding = 'br' | 'gzip' | 'identity';

interface Asset {
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

const PRECOMPRESSED = /\.(br|gz)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Every built file by name, with the precompressed copies that exist next to it. */
export function readAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return assets;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    if (PRECOMPRESSED.test(name) || !statSync(file).isFile()) continue;
    const optional = (suffix: string) => (names.includes(name + suffix) ? readFileSync(file + suffix) : undefined);
    assets.set(name, { identity: readFileSync(file), br: optional('.br'), gzip: optional('.gz') });
  }
  return assets;
}

/** q-values of an Accept-Encoding header (RFC 9110 §12.5.3); `*` covers codings not named. */
function qualities(header: string | undefined): Map<string, number> {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding === '') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(coding, Number.isFinite(value) ? value : 0);
  }
  return q;
}

/** The best available encoding the client accepts; identity when it names neither. */
export function chooseEncoding(header: string | undefined, available: { br: boolean; gzip: boolean }): AssetEncoding {
  const q = qualities(header);
  const accepts = (coding: string) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  const ranked = (['br', 'gzip'] as const).filter((c) => available[c] && accepts(c));
  ranked.sort((a, b) => (q.get(b) ?? q.get('*') ?? 0) - (q.get(a) ?? q.get('*') ?? 0));
  return ranked[0] ?? 'identity';
}

export function staticAssets(dir: string) {
  const assets = readAssets(dir);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    // Mounted on /assets: req.path is "/<name>"; anything with a further slash is not a build file.
    const name = req.path.slice(1);
    const asset = name.includes('/') ? undefined : assets.get(name);
    if (asset === undefined) {
      res.setHeader('Cache-Control', 'no-store');
      send(res, NotFound());
      return;
    }
    const encoding = chooseEncoding(req.headers['accept-encoding'], { br: asset.br !== undefined, gzip: asset.gzip !== undefined });
    const body = encoding === 'identity' ? asset.identity : asset[encoding]!;
    res.type(path.extname(name));
    res.setHeader('Cache-Control', IMMUTABLE);
    res.setHeader('Vary', 'Accept-Encoding');
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', String(body.length));
    res.status(200);
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  };
}
