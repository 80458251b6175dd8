/**
 * Shared pieces of the job runner tests: a test configuration with fast timings, a fresh
 * store per test (SQLite, or MongoDB when MONGODB_URI is set and a suite asks for it), scripted handlers that record every call, polling waits, and the
 * Redis reachability check that decides whether the BullMQ suites run.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildConfig, parseEnv, type Config } from '../../config';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { droppingOnClose, freshMongoStore, mongoUriForTests } from './mongo.support';
import { silentLogger } from '../../server/logger';
import type { JobContext, JobHandler } from '../../server/ports/jobs.port';
import type { Json, Store } from '../../server/ports/store.port';
import type { JobName } from '../../server/jobs/job-names';
import { probeEffectsPath } from '../../worker/handlers/probe.job';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const redisUrlForTests = (): string => process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
export const inCi = (): boolean => ['true', '1'].includes(process.env.CI ?? '');

/** Fast timings so retries and leases play out in a test's time. */
export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  const config = buildConfig(parseEnv({ DATA_DIR: dataDir, JOB_LOCK_MS: '3000', WORKER_CONCURRENCY: '4', ...env }));
  config.jobs.backoffMs = 100;
  config.jobs.pollMs = 20;
  return config;
}

export type StoreKind = 'sqlite' | 'mongo';

/**
 * The stores a job suite runs on: SQLite always, MongoDB too when MONGODB_URI is set (else
 * the note says so once per suite).
 */
export function storeKinds(suite: string): StoreKind[] {
  if (mongoUriForTests() !== undefined) return ['sqlite', 'mongo'];
  console.warn(`${suite} on MongoDB skipped: MONGODB_URI is not set`);
  return ['sqlite'];
}

/** A fresh, empty store and a temporary DATA_DIR; a MongoDB store drops its database on close. */
export async function freshStore(kind: StoreKind = 'sqlite'): Promise<{ dataDir: string; store: Store }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'amana-jobs-'));
  if (kind === 'sqlite') return { dataDir, store: await openSqliteStore(path.join(dataDir, 'amana.sqlite'), silentLogger) };
  const uri = mongoUriForTests();
  if (uri === undefined) throw new Error('a MongoDB store was asked for without MONGODB_URI');
  return { dataDir, store: droppingOnClose(await freshMongoStore(uri, 'jobs_test')) };
}

export function probeEffects(dataDir: string): string[] {
  const file = probeEffectsPath(dataDir);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
}

export const uniqueKey = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`;

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Call {
  jobId: string;
  attempt: number;
  payload: Json;
  startedAt: number;
  endedAt: number | null;
  outcome: 'ok' | 'threw' | null;
}

/**
 * A handler whose behaviour per call is scripted by `behave` (throw, sleep, ignore or honour
 * the signal); it records every call so tests can count runs and measure gaps.
 */
export function scriptedHandler(name: JobName, behave: (call: Call, signal: AbortSignal) => Promise<void>): JobHandler & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    name,
    calls,
    async run(payload: Json, ctx: JobContext) {
      const call: Call = { jobId: ctx.jobId, attempt: ctx.attempt, payload, startedAt: Date.now(), endedAt: null, outcome: null };
      calls.push(call);
      try {
        await behave(call, ctx.signal);
        call.outcome = 'ok';
      } catch (err) {
        call.outcome = 'threw';
        throw err;
      } finally {
        call.endedAt = Date.now();
      }
    },
  };
}

/** Sleeps, waking early (and throwing) when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    });
  });
}

/**
 * Whether Redis answers, asked synchronously (jest must know at collection time whether
 * to declare the BullMQ tests) from a child node process with a one-second budget.
 */
export function redisAnswers(url: string): boolean {
  const script = `
    const Redis = require('ioredis');
    const r = new Redis(process.argv[1], { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => {});
    r.connect().then(() => r.ping()).then((p) => { r.disconnect(); process.exit(p === 'PONG' ? 0 : 1); }, () => process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', script, url], { cwd: path.resolve(__dirname, '..', '..'), timeout: 5000 });
  return result.status === 0;
}
