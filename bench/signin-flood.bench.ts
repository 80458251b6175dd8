/**
 * Sign-in flood: 10x as many concurrent staff sign-ins as cores, against one Argon2id hash
 * of the server's parameters measured alone in the same run.
 * 1. Genuine: officers activated over HTTP sign in (login secret + TOTP), `10 x cores` at a
 *    time for a few seconds, per-client limits lifted as if each came from its own address.
 *    Held: their p99 against one hash; whether any excess was refused, and how fast; the
 *    server's event-loop delay and resident memory.
 *    Run twice: as built (excess refused before the body is read) and, as the peer, with that
 *    early refusal off (refused in the service, after parsing and rate limiting).
 * 2. One address, default limits: the same concurrency of wrong secrets for unknown
 *    addresses; how fast the requests past the per-client budget are refused.
 *   node dist/bench/signin-flood.bench.js [--duration=5]
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { hashLoginSecret } from '../server/services/staff/login-hash';
import type { ReadyMessage, StatsMessage } from './support/app-protocol';
import { numberArg } from './support/args';
import { runLoad, type LoadRequest } from './support/load';
import { rssOf, sampleRss, startNode, type Child } from './support/proc';
import { runBench, type BenchReport } from './support/report';
import { supportScript, tempDir } from './support/paths';
import { activateAll, CSRF, signInBody } from './support/staff-accounts';
import { median, MiB, msSince, quantile, round } from './support/stats';

const CORES = os.availableParallelism();
const CONCURRENCY = 10 * CORES;
const DURATION_MS = numberArg('duration', 5) * 1000;
/** accounts for the timed phase, one sign-in each (a TOTP step is accepted once): ~90/s fit 2 cores */
const ACCOUNTS = numberArg('accounts', 500);
const LOGIN = { method: 'POST', path: '/api/v1/auth/login' } as const;
const headers = { ...CSRF, 'content-type': 'application/json' };

async function oneHashMs(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = process.hrtime.bigint();
    await hashLoginSecret(randomBytes(32));
    times.push(msSince(t0));
  }
  return median(times.slice(1));
}

async function startApp(args: string[]): Promise<{ child: Child; ready: ReadyMessage; remove(): void }> {
  const data = tempDir('signin');
  const child = startNode(supportScript('bench-app'), { args: [`--data=${data.dir}`, ...args], keepLines: false });
  return { child, ready: await child.message<ReadyMessage>('ready'), remove: data.remove };
}

async function stats(child: Child): Promise<StatsMessage> {
  child.send({ type: 'stats' });
  return child.message<StatsMessage>('stats');
}

/** Latencies by answer: 200 signed in, 429 refused, anything else listed. */
function byStatus(): { record(status: string, ms: number): void; of(status: string): number[]; counts(): string } {
  const map = new Map<string, number[]>();
  return {
    record: (status, ms) => map.set(status, [...(map.get(status) ?? []), ms]),
    of: (status) => map.get(status) ?? [],
    counts: () => [...map.entries()].map(([s, l]) => `${s}: ${l.length}`).join(', '),
  };
}

interface FloodResult {
  genuineP99: number;
  refusedP99: number;
  loopP99: number;
}

/** `10 x cores` sign-ins at once against a fresh server started with `args`; its figures are labelled `label`. */
async function flood(report: BenchReport, hashMs: number, label: string, args: string[]): Promise<FloodResult> {
  const genuine = await startApp([`--invite=${ACCOUNTS}`, ...args]);
  try {
    const t0 = Date.now();
    const accounts = await activateAll(genuine.ready.port, genuine.ready.invites, CORES);
    report.note(`${accounts.length} officers activated over HTTP in ${round((Date.now() - t0) / 1000)} s (untimed)`);
    const bodies = accounts.map(signInBody);
    const answers = byStatus();
    let taken = 0;
    const next = (): LoadRequest | null => {
      const body = bodies[taken++];
      return body ? { ...LOGIN, headers, body } : null;
    };
    const baseline = rssOf(genuine.child.pid);
    genuine.child.send({ type: 'reset' });
    const sampler = sampleRss(genuine.child.pid);
    const load = await runLoad({ port: genuine.ready.port, connections: CONCURRENCY, durationMs: DURATION_MS, next, okStatus: 200, onAnswer: answers.record });
    const rss = sampler.stop();
    const loop = await stats(genuine.child);
    report.note(`${label}: answers: ${answers.counts()}${load.exhausted ? ' (accounts ran out before the end)' : ''}; ${round(load.rps)} sign-ins/s`);
    if (load.firstError) report.note(`first non-200 answer: ${load.firstError}`);
    const signedIn = answers.of('200');
    const refused = answers.of('429').concat(answers.of('503'));
    report.add({ name: `${label}: genuine sign-in p99, ${CONCURRENCY} at once`, value: quantile(signedIn, 0.99), unit: 'ms', peer: { name: 'one hash', value: hashMs, unit: 'ms' }, target: { of: 'ratio', op: '<=', value: 2 }, detail: { p50Ms: round(quantile(signedIn, 0.5)), count: signedIn.length } });
    report.add({ name: `${label}: genuine sign-in p50, ${CONCURRENCY} at once`, value: quantile(signedIn, 0.5), unit: 'ms', peer: { name: 'one hash', value: hashMs, unit: 'ms' } });
    const shedTarget = { of: 'value', op: '<=', value: 50 } as const;
    if (refused.length === 0) report.miss(`${label}: excess refused (load shedding) p99`, shedTarget, `none refused: all ${signedIn.length} were queued for a hash (the server has no limit on sign-ins in flight)`);
    else report.add({ name: `${label}: excess refused (load shedding) p99`, value: quantile(refused, 0.99), unit: 'ms', target: shedTarget, detail: { count: refused.length } });
    report.add({ name: `${label}: server event-loop delay p99 during flood`, value: loop.loopP99Ms, unit: 'ms', target: { of: 'value', op: '<=', value: 20 }, detail: { maxMs: round(loop.loopMaxMs, 1), p50Ms: round(loop.loopP50Ms, 1) } });
    report.add({ name: `${label}: server RSS growth during flood`, value: (rss.peak - baseline) / MiB, unit: 'MiB', note: 'bound: libuv threadpool (4) x 19 MiB Argon2id blocks, plus request buffers', detail: { baselineMiB: round(baseline / MiB), peakMiB: round(rss.peak / MiB) } });
    return { genuineP99: quantile(signedIn, 0.99), refusedP99: quantile(refused, 0.99), loopP99: loop.loopP99Ms };
  } finally {
    await genuine.child.stop();
    genuine.remove();
  }
}

runBench('signin-flood', async (report) => {
  report.setting('cores', CORES);
  report.setting('concurrency', CONCURRENCY);
  report.setting('durationSeconds', DURATION_MS / 1000);
  report.setting('hash', 'hashLoginSecret: Argon2id 19 MiB, 2 passes, parallelism 1 (argon2 package)');
  const hashMs = await oneHashMs();
  report.add({ name: 'one Argon2id hash alone (peer)', value: hashMs, unit: 'ms', note: 'median of 6, in the benchmark process, nothing else running' });

  // Amana as built (refusals before the body), then its peer in the same run: the same server
  // with the early refusal off, so excess sign-ins are parsed, rate-limited and routed before
  // the service refuses them.
  const early = await flood(report, hashMs, 'pre-body gate', []);
  const late = await flood(report, hashMs, 'service gate only (peer)', ['--sign-in-gate=off']);
  report.add({ name: 'excess refused p99: pre-body gate vs service gate', value: early.refusedP99, unit: 'ms', peer: { name: 'refused in the service', value: late.refusedP99, unit: 'ms' }, target: { of: 'ratio', op: '<=', value: 1 } });
  report.add({ name: 'genuine sign-in p99: pre-body gate vs service gate', value: early.genuineP99, unit: 'ms', peer: { name: 'refused in the service', value: late.genuineP99, unit: 'ms' } });
  report.add({ name: 'event-loop p99: pre-body gate vs service gate', value: early.loopP99, unit: 'ms', peer: { name: 'refused in the service', value: late.loopP99, unit: 'ms' } });

  const single = await startApp(['--staff-limits=default']);
  try {
    const answers = byStatus();
    const wrong = (): LoadRequest => ({
      ...LOGIN,
      headers,
      body: Buffer.from(JSON.stringify({ email: `x${randomBytes(6).toString('hex')}@bench.example`, loginSecret: randomBytes(32).toString('base64'), totp: '000000' })),
    });
    single.child.send({ type: 'reset' });
    await runLoad({ port: single.ready.port, connections: CONCURRENCY, durationMs: Math.min(DURATION_MS, 3000), next: wrong, okStatus: 429, onAnswer: answers.record });
    const loop = await stats(single.child);
    report.note(`one address, default limits: ${answers.counts()}`);
    const refused = answers.of('429');
    report.add({ name: 'flood past the per-client budget: refusal p99', value: quantile(refused, 0.99), unit: 'ms', peer: { name: 'one hash', value: hashMs, unit: 'ms' }, target: { of: 'value', op: '<=', value: 50 }, detail: { refused: refused.length, hashed: answers.of('401').length, loopP99Ms: round(loop.loopP99Ms, 1) } });
  } finally {
    await single.child.stop();
    single.remove();
  }
});
