/**
 * Browser crypto: attachment encryption (STREAM, XChaCha20-Poly1305, 64 KiB chunks) of
 * 100 MiB in headless Chromium against WebCrypto AES-256-GCM in 64 KiB chunks on the same
 * page, with the page's memory (CDP Runtime.getHeapUsage: JS heap plus ArrayBuffer backing
 * stores, which include libsodium's WebAssembly memory); the receipt's Argon2id with the
 * configured parameters against the native argon2 package in Node. Then both again with
 * --js-flags=--jitless, where WebAssembly is gone and the noble (pure JS) backend runs.
 *   node dist/bench/browser-crypto.bench.js [--mib=100] [--jitless-mib=100]
 */
import argon2 from 'argon2';
import type { CDPSession, Page } from 'playwright-core';
import { settings } from '../config/settings';
import type { TimedRun } from './browser/crypto-page';
import { numberArg } from './support/args';
import { bundlePage, CHROMIUM_ARGS, launch, servePage } from './support/browser';
import { runBench, type BenchReport } from './support/report';
import { median, MiB, msSince, round } from './support/stats';

const MIB = numberArg('mib', 100);
const JITLESS_MIB = numberArg('jitless-mib', 100);
const RECEIPT = settings.kdf.receipt;
/** the client holds one plaintext part and one ciphertext part (4 MiB each) at a time; 16 MiB is four parts */
const MEMORY_LIMIT_MIB = 16;
/** the memory run without a JIT is kept short: noble encrypts ~2 MiB/s there */
const JITLESS_MEMORY_MIB = 20;

async function heapBytes(cdp: CDPSession): Promise<number> {
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize + usage.backingStorageSize;
}

/**
 * Runs `work` in the page while sampling its live memory: every 100 ms a forced garbage
 * collection, then the heap usage, so uncollected garbage is not counted. This slows the
 * work, so it is a separate run from the timed one.
 */
async function liveMemoryGrowth(page: Page, cdp: CDPSession, work: (p: Page) => Promise<TimedRun>): Promise<number> {
  // V8 frees ArrayBuffer stores on a background sweeper after a collection: collect twice,
  // with a pause, so the previous run's buffers are gone before the baseline is read.
  for (let i = 0; i < 2; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const baseline = await heapBytes(cdp);
  let peak = baseline;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
      peak = Math.max(peak, await heapBytes(cdp).catch(() => peak));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await work(page);
  sampling = false;
  await sampler;
  return peak - baseline;
}

async function nativeArgon2Ms(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t0 = process.hrtime.bigint();
    await argon2.hash(Buffer.from('1234 5678 9012 3456 7890'), { type: argon2.argon2id, memoryCost: RECEIPT.memKiB, timeCost: RECEIPT.passes, parallelism: 1, hashLength: 64 });
    times.push(msSince(t0));
  }
  return median(times.slice(1));
}

async function mode(report: BenchReport, url: string, jitless: boolean, argonPeerMs: number): Promise<void> {
  const tag = jitless ? 'jitless' : 'JIT';
  const mib = jitless ? JITLESS_MIB : MIB;
  const browser = await launch(jitless);
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.amanaBench !== undefined);
    const cdp = await page.context().newCDPSession(page);
    const wasm = await page.evaluate(() => window.amanaBench?.webAssembly ?? false);
    // Without WebAssembly the app itself falls back to noble (shared/crypto select-backend.ts).
    const backend = wasm ? 'libsodium' : 'noble';
    report.note(`${tag}: WebAssembly ${wasm ? 'available' : 'unavailable'}, backend ${backend}, ${mib} MiB`);
    const prepare = (bytes: number): Promise<void> =>
      page.evaluate((n) => {
        window.amanaBench?.prepareFile(n);
      }, bytes);
    const api = (p: Page, call: 'gcm' | 'stream'): Promise<TimedRun> =>
      p.evaluate(([c, b]) => {
        const bench = window.amanaBench;
        if (!bench) throw new Error('bench page not loaded');
        return c === 'gcm' ? bench.webCryptoGcm() : bench.encryptAttachment(b);
      }, [call, backend] as const);
    await prepare(mib * MiB);
    const peer = await api(page, 'gcm');
    const ours = await api(page, 'stream');
    const rate = (r: TimedRun): number => r.plainBytes / MiB / (r.ms / 1000);
    report.add({
      name: `attachment encryption, ${backend}, ${tag}`,
      value: rate(ours),
      unit: 'MiB/s',
      peer: { name: 'WebCrypto AES-GCM', value: rate(peer), unit: 'MiB/s' },
      target: { of: 'ratio', op: '>=', value: 0.4 },
      detail: { mib, ms: round(ours.ms), peerMs: round(peer.ms) },
    });
    const memoryMib = Math.min(mib, jitless ? JITLESS_MEMORY_MIB : mib);
    const memory = async (call: 'gcm' | 'stream', fileMib: number): Promise<number> => {
      await prepare(fileMib * MiB);
      return liveMemoryGrowth(page, cdp, (p) => api(p, call));
    };
    const peerGrowth = await memory('gcm', memoryMib);
    const growth = await memory('stream', memoryMib);
    // A bounded loop uses the same memory for a small file: the second size shows it.
    const smallMib = Math.max(1, Math.round(memoryMib / 5));
    const smallGrowth = await memory('stream', smallMib);
    report.add({
      name: `page live memory growth while encrypting, ${tag}`,
      value: growth / MiB,
      unit: 'MiB',
      peer: { name: 'WebCrypto loop', value: peerGrowth / MiB, unit: 'MiB' },
      target: { of: 'value', op: '<=', value: MEMORY_LIMIT_MIB },
      note: `${memoryMib} MiB file (${round(smallGrowth / MiB)} MiB for a ${smallMib} MiB file); JS heap + ArrayBuffer stores after a forced GC every 100 ms, above the level before`,
      detail: { fileMib: memoryMib, smallFileMib: smallMib, smallFileGrowthMib: round(smallGrowth / MiB) },
    });
    const kdfRuns: number[] = [];
    for (let i = 0; i < (jitless ? 2 : 4); i++) {
      kdfRuns.push((await page.evaluate(([b, params]) => {
        const bench = window.amanaBench;
        if (!bench) throw new Error('bench page not loaded');
        return bench.receiptKdf(b, params);
      }, [backend, { memKiB: RECEIPT.memKiB, passes: RECEIPT.passes }] as const)).ms);
    }
    report.add({
      name: `receipt Argon2id, ${backend}, ${tag}`,
      value: median(kdfRuns.slice(1)),
      unit: 'ms',
      peer: { name: 'native argon2 in Node', value: argonPeerMs, unit: 'ms' },
      detail: { runs: kdfRuns.map((ms) => round(ms)).join(' ') },
      note: `${RECEIPT.memKiB / 1024} MiB, ${RECEIPT.passes} passes; median after a first run`,
    });
  } finally {
    await browser.close();
  }
}

runBench('browser-crypto', async (report) => {
  report.setting('chromium', `/usr/bin/chromium ${CHROMIUM_ARGS.join(' ')}`);
  report.setting('chunk', '64 KiB, parts of 64 chunks read with Blob.slice() as the client does');
  report.setting('receiptKdf', `Argon2id ${RECEIPT.memKiB} KiB, ${RECEIPT.passes} passes (config settings.kdf.receipt)`);
  const bundle = await bundlePage('crypto-page');
  report.note(`page bundle: ${round(bundle.length / 1024)} KiB (esbuild, minified)`);
  const server = await servePage('crypto-page', bundle);
  try {
    const argonPeerMs = await nativeArgon2Ms();
    await mode(report, server.url, false, argonPeerMs);
    await mode(report, server.url, true, argonPeerMs);
  } finally {
    await server.close();
  }
});
