/**
 * Many processes, one SQLite file: four processes write through the real store at once
 * (cases and their status changes, messages, outbox claims and completions, staff sessions
 * and updates, the audit chain, settings) for a fixed number of rounds each. Every write
 * transaction takes the write lock up front, so a writer waits (busy timeout) instead of
 * failing at once with SQLITE_BUSY when another process committed after its first read.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../server/logger';
import type { Store } from '../../server/ports/store.port';
import { verifyChain } from '../../server/services/audit-chain';

interface ChildResult {
  label: string;
  busy: number;
  busyMessages: string[];
  writes: number;
  cases: string[];
  messages: number;
  completed: string[];
  sessions: number;
  audit: number;
  settings: number;
}

const ROUNDS = 40;
const dir = mkdtempSync(path.join(os.tmpdir(), 'amana-sqlite-stress-'));
const file = path.join(dir, 'amana.sqlite');
let store: Store;

beforeAll(async () => {
  store = await openSqliteStore(file, silentLogger);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('four processes writing at once through the store get no SQLITE_BUSY and lose no write', async () => {
  const run = promisify(execFile);
  const script = path.join(__dirname, 'sqlite-multiprocess-child.js');
  const labels = ['w1', 'w2', 'w3', 'w4'];
  const outputs = await Promise.all(
    labels.map((label) => run(process.execPath, [script, file, label, labels.join(','), String(ROUNDS)], { timeout: 110_000 })),
  );
  const results = outputs.map((o) => JSON.parse(o.stdout) as ChildResult);

  expect(results.flatMap((r) => r.busyMessages)).toEqual([]);
  expect(results.map((r) => r.busy)).toEqual([0, 0, 0, 0]);
  // Every write of every round happened: 10 per round (claims and completions vary).
  for (const r of results) {
    expect(r.cases).toHaveLength(ROUNDS);
    expect(r.messages).toBe(ROUNDS);
    expect(r.sessions).toBe(ROUNDS);
    expect(r.audit).toBe(ROUNDS);
    expect(r.settings).toBe(ROUNDS);
  }
  for (const id of results.flatMap((r) => r.cases)) {
    expect(await store.cases.get(id)).toMatchObject({ status: 'acknowledged' });
  }
  // A job is completed by one process only, and the completions landed.
  const completed = results.flatMap((r) => r.completed);
  expect(new Set(completed).size).toBe(completed.length);
  expect(completed.length).toBeGreaterThan(0);
  for (const id of completed.slice(0, 50)) expect(await store.outbox.get(id)).toMatchObject({ status: 'done' });
  const entries = await store.audit.list({ limit: 1000 });
  expect(entries.filter((e) => e.action === 'test.stress')).toHaveLength(labels.length * ROUNDS);
  expect(verifyChain(entries)).toBeNull();
}, 120_000);

it('opens no write transaction in the SQLite adapter except through writeTransaction (BEGIN IMMEDIATE)', () => {
  const folder = path.join(__dirname, '../../server/adapters/sqlite');
  const offenders = readdirSync(folder)
    .filter((name) => name.endsWith('.ts') && name !== 'sqlite-db.ts')
    .flatMap((name) => readFileSync(path.join(folder, name), 'utf8').split('\n').map((line, i) => ({ name, line, i })))
    .filter(({ line }) => /\.transaction\(/.test(line))
    // The migration runner calls its transaction with .immediate() itself.
    .filter(({ name, line }) => !(name === 'migrations.ts' && /const apply = db\.transaction\(/.test(line)))
    .map(({ name, i }) => `${name}:${i + 1}`);
  expect(offenders).toEqual([]);
  expect(readFileSync(path.join(folder, 'migrations.ts'), 'utf8')).toMatch(/apply\.immediate\(\)/);
});
