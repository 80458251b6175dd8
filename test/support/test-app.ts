/**
 * Boots the real Express app over a real SQLite store and the real disk blob store in a
 * temporary DATA_DIR, for HTTP integration tests. Logs go to memory so tests can read them;
 * jobs are recorded, not run, so a test sees exactly the outbox rows a request wrote.
 * Officers get real X25519 key pairs, so reports can be sealed to them as a browser would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import type { Express } from 'express';
import request from 'supertest';
import { buildConfig, parseEnv, type Config } from '../../config';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { DiskBlobStore } from '../../server/adapters/disk/disk.blob';
import { createApp } from '../../server/app';
import { createLogger, type Logger } from '../../server/logger';
import type { JobRunner } from '../../server/ports/jobs.port';
import type { Role, StaffRecord, Store } from '../../server/ports/store.port';
import { buildApi } from '../../server/routes';
import type { RateLimits } from '../../server/middleware/rate-limit';
import type { StaffLimits } from '../../server/services/staff/login-throttle';
import type { PowSolution } from '../../shared/api/report.schema';
import { loadAmanaCrypto, solvePow, type AmanaCrypto, type X25519Keypair } from '../../shared/crypto';
import { givenStaff } from './factories';

export class MemoryLog extends Writable {
  lines: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/** Real time plus an offset a test can move forward (to expire challenges and sessions). */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** A job runner that runs nothing and counts wake-ups, so outbox rows stay as written. */
export class RecordingJobs implements JobRunner {
  readonly kind = 'outbox' as const;
  wakes = 0;
  async start(): Promise<void> {}
  wake(): void {
    this.wakes += 1;
  }
  async ping(): Promise<void> {}
  async stop(): Promise<void> {}
}

export interface TestAppOptions {
  env?: Record<string, string>;
  rateLimits?: Partial<RateLimits>;
  /** limits for the staff routes (staff-harness.ts relaxes them) */
  staffLimits?: Partial<StaffLimits>;
  /** names the temporary DATA_DIR, so a leftover one tells which harness made it */
  dirPrefix?: string;
}

export interface TestApp {
  app: Express;
  config: Config;
  store: Store;
  blobs: DiskBlobStore;
  jobs: RecordingJobs;
  clock: TestClock;
  log: MemoryLog;
  logger: Logger;
  dir: string;
  close(): Promise<void>;
}

// Tests must not trip the real limits by accident; rate-limit tests set their own.
const RELAXED = { max: 100_000, windowMs: 60_000 };
export const relaxedLimits: Partial<RateLimits> = {
  read: RELAXED, pow: RELAXED, submit: RELAXED, attachmentCreate: RELAXED, attachmentUpload: RELAXED,
  session: RELAXED, reporterRead: RELAXED, reporterWrite: RELAXED,
  sessionFailures: RELAXED, sessionFailuresGlobal: RELAXED, failureDelayMs: 300,
  uploadBytes: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 }, uploadBytesGlobal: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
};

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), options.dirPrefix ?? 'amana-http-'));
  const config = buildConfig(parseEnv({ DATA_DIR: dir, POW_DIFFICULTY: '4', LOG_LEVEL: 'debug', ...options.env }));
  const log = new MemoryLog();
  const logger = createLogger(config.env.LOG_LEVEL, log);
  const store = await openSqliteStore(config.paths.sqlite, logger);
  const blobs = new DiskBlobStore(config.paths.blobs);
  const jobs = new RecordingJobs();
  const clock = new TestClock();
  const api = buildApi(
    { config, logger, store, blobs, jobs },
    { rateLimits: { ...relaxedLimits, ...options.rateLimits }, now: clock.now },
    options.staffLimits ? { limits: options.staffLimits } : {},
  );
  const app = createApp({ config, logger, probes: [], api });
  return {
    app, config, store, blobs, jobs, clock, log, logger, dir,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let cryptoPromise: Promise<AmanaCrypto> | null = null;
export function testCrypto(): Promise<AmanaCrypto> {
  cryptoPromise ??= loadAmanaCrypto();
  return cryptoPromise;
}

export interface KeyedStaff {
  staff: StaffRecord;
  keypair: X25519Keypair;
}

/** A staff member with a real key pair; with `channelId`, also a member of that channel. */
export async function givenKeyedStaff(
  store: Store,
  options: { roles?: Role[]; channelId?: string; supervisor?: boolean; department?: string | null; status?: StaffRecord['status'] } = {},
): Promise<KeyedStaff> {
  const keypair = (await testCrypto()).x25519Keypair();
  const staff = await givenStaff(store, {
    roles: options.roles ?? ['officer'],
    department: options.department ?? null,
    status: options.status ?? 'active',
    publicKey: keypair.publicKey,
  });
  if (options.channelId) await store.channels.setMember({ channelId: options.channelId, staffId: staff.id, supervisor: options.supervisor ?? false });
  return { staff, keypair };
}

/** Fetches a challenge and solves it the way the browser does. */
export async function solvedPow(app: Express): Promise<PowSolution> {
  const res = await request(app).get('/api/v1/pow').expect(200);
  const { challenge, difficulty } = res.body as { challenge: string; difficulty: number };
  const nonce = await solvePow(new Uint8Array(Buffer.from(challenge, 'base64')), difficulty);
  return { challenge, nonce };
}

/** Row counts of every table of the SQLite file, read through a separate connection. */
export function rowCounts(config: Config): Record<string, number> {
  const db = new Database(config.paths.sqlite, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`).get()?.n ?? 0]));
  } finally {
    db.close();
  }
}
