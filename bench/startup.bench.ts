/**
 * Start-up and weight. Start-up: from spawning `node dist/server/main.js` to its
 * `amana ready` log line (the server listening, store open, jobs started), median of five
 * starts over an existing DATA_DIR after one first start on an empty one; against Express's
 * hello world started the same way. Weight: the built client (dist/client) gzipped, split
 * into libsodium's WebAssembly chunks and the rest (Amana's code, React, noble).
 *   node dist/bench/startup.bench.js [--starts=5]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { numberArg } from './support/args';
import { startNode } from './support/proc';
import { runBench, type BenchReport } from './support/report';
import { CLIENT_DIST, SERVER_MAIN, supportScript, tempDir } from './support/paths';
import { median, msSince, round } from './support/stats';

const STARTS = numberArg('starts', 5);
const READY_TARGET_MS = 2000;

async function timeToLine(script: string, env: Record<string, string>, ready: string): Promise<number> {
  const started = process.hrtime.bigint();
  const child = startNode(script, { env });
  try {
    await child.waitForLine((l) => l.includes(ready));
    return msSince(started);
  } finally {
    await child.stop();
  }
}

async function startup(report: BenchReport): Promise<void> {
  const data = tempDir('startup');
  try {
    const env = { DATA_DIR: data.dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    const ready = '"msg":"amana ready"';
    // The first start creates secrets.json, runs the migrations and seeds the channels.
    const first = await timeToLine(SERVER_MAIN, env, ready);
    const warm: number[] = [];
    const peer: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      warm.push(await timeToLine(SERVER_MAIN, env, ready));
      peer.push(await timeToLine(supportScript('hello-server'), {}, 'hello ready'));
    }
    report.add({
      name: 'node dist/server/main.js to ready',
      value: median(warm),
      unit: 'ms',
      peer: { name: 'express hello-world to listening', value: median(peer), unit: 'ms' },
      target: { of: 'value', op: '<=', value: READY_TARGET_MS },
      detail: { runsMs: warm.map((ms) => round(ms)).join(' '), peerRunsMs: peer.map((ms) => round(ms)).join(' ') },
    });
    report.add({ name: 'first start on an empty DATA_DIR to ready', value: first, unit: 'ms', target: { of: 'value', op: '<=', value: READY_TARGET_MS }, note: 'creates secrets.json, migrates the SQLite file, seeds the default channels' });
  } finally {
    data.remove();
  }
}

interface Asset {
  file: string;
  raw: number;
  gzip: number;
}

function weight(report: BenchReport): void {
  const assetsDir = path.join(CLIENT_DIST, 'assets');
  const index = path.join(CLIENT_DIST, 'index.html');
  const read = (file: string): Asset => {
    const bytes = readFileSync(file);
    return { file: path.relative(CLIENT_DIST, file), raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
  };
  const all = [read(index), ...readdirSync(assetsDir).map((f) => read(path.join(assetsDir, f)))];
  const sum = (list: Asset[], key: 'raw' | 'gzip'): number => list.reduce((n, a) => n + a[key], 0);
  const isSodium = (a: Asset): boolean => /libsodium-wrappers/.test(a.file);
  const sodium = all.filter(isSodium);
  const amana = all.filter((a) => !isSodium(a));
  // What the first page view fetches: index.html and what it references (entry, preloads, CSS).
  const html = readFileSync(index, 'utf8');
  const referenced = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]));
  const initial = all.filter((a) => a.file === 'index.html' || referenced.has(a.file));
  const kib = (n: number): number => round(n / 1024, 1);
  report.setting('clientBuiltAt', statSync(index).mtime.toISOString());
  report.setting('gzip', 'zlib level 6 per file; the server itself sends files uncompressed (no compression middleware)');
  report.add({
    name: "client: Amana's code (all but libsodium), gzip",
    value: kib(sum(amana, 'gzip')),
    unit: 'KiB',
    peer: { name: 'libsodium WebAssembly', value: kib(sum(sodium, 'gzip')), unit: 'KiB' },
    detail: { files: amana.length, rawKiB: kib(sum(amana, 'raw')), largest: amana.sort((a, b) => b.gzip - a.gzip).slice(0, 4).map((a) => `${a.file} ${kib(a.gzip)}`).join(', ') },
  });
  report.add({ name: 'client: libsodium WebAssembly chunks, gzip', value: kib(sum(sodium, 'gzip')), unit: 'KiB', note: `${sodium.length} copies (the page's and the Argon2id worker's)`, detail: { rawKiB: kib(sum(sodium, 'raw')) } });
  report.add({ name: 'reporter page first view, gzip', value: kib(sum(initial, 'gzip')), unit: 'KiB', note: initial.map((a) => a.file).join(', '), detail: { rawKiB: kib(sum(initial, 'raw')) } });
}

runBench('startup', async (report) => {
  report.setting('starts', STARTS);
  await startup(report);
  weight(report);
});
