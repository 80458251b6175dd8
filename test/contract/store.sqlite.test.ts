/**
 * The store contract on SQLite, plus what only the SQLite adapter can show: rows tampered
 * with behind the store's back, migrations, foreign keys, the inbox query plan, and
 * several processes sharing one file.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations';
import { inboxSql } from '../../server/adapters/sqlite/sqlite-inbox.query';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../server/logger';
import type { Store } from '../../server/ports/store.port';
import { verifyChain } from '../../server/services/audit-chain';
import { at, givenCase, newCaseInput, newJob } from '../support/factories';
import { describeStoreContract } from './store.contract';
import { expectRejection } from '../support/expect-rejection';

const dir = mkdtempSync(path.join(os.tmpdir(), 'amana-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const newFile = (): string => path.join(dir, `${randomUUID()}.sqlite`);

// A new file per test: the contract expects an empty store each time.
describeStoreContract('sqlite', () => openSqliteStore(newFile(), silentLogger));

describe('sqlite store only', () => {
  let file: string;
  let store: Store;
  beforeEach(async () => {
    file = newFile();
    store = await openSqliteStore(file, silentLogger);
  });
  afterEach(async () => {
    await store.close();
  });

  /** Another connection, as an intruder with write access to the file would have. */
  function tamper(sql: string): void {
    const db = new Database(file);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  }

  async function appendSix(): Promise<void> {
    for (let i = 0; i < 6; i += 1) {
      await store.audit.append({ at: at(i), actorId: 'staff-1', action: 'case.view', caseId: `case-${i}`, detail: { i } });
    }
    expect(verifyChain(await store.audit.list({ limit: 100 }))).toBeNull();
  }

  it.each([
    ['an altered detail', `UPDATE audit_log SET detail = '{"i":99}' WHERE seq = 3`, 3],
    ['an altered actor', `UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 5`, 5],
    ['a deleted entry', 'DELETE FROM audit_log WHERE seq = 4', 5],
    ['a reordering', `UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = -2`, 2],
  ])('verifyChain finds %s made directly in the database', async (_what, sql, badSeq) => {
    await appendSix();
    tamper(sql);
    expect(verifyChain(await store.audit.list({ limit: 100 }))).toBe(badSeq);
  });

  it('records each migration once and keeps the data across reopening', async () => {
    const created = await givenCase(store);
    await store.close();
    store = await openSqliteStore(file, silentLogger);
    expect((await store.cases.get(created.id))?.receiptLookup).toBe(created.receiptLookup);
    const db = new Database(file, { readonly: true });
    try {
      expect(MIGRATIONS.length).toBeGreaterThan(0);
      expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('creates the parent folder of a new file', async () => {
    const nested = path.join(dir, randomUUID(), 'deeper', 'amana.sqlite');
    const other = await openSqliteStore(nested, silentLogger);
    await other.ping();
    await other.close();
    expect(existsSync(nested)).toBe(true);
  });

  it('keeps the database, its WAL and shared-memory files private (0600) even in a folder others can read', async () => {
    const open = path.join(dir, randomUUID());
    mkdirSync(open, { mode: 0o755 });
    chmodSync(open, 0o755);
    const file = path.join(open, 'amana.sqlite');
    const other = await openSqliteStore(file, silentLogger);
    await other.outbox.enqueue([newJob()]);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(f).mode & 0o777).toBe(0o600);
    await other.close();
  });

  it('enforces foreign keys: a case needs its channel', async () => {
    const input = newCaseInput({ case: { channelId: 'no-such-channel' } });
    expect((await expectRejection(store.cases.create(input))).message).toMatch(/FOREIGN KEY/);
    expect(await store.cases.get(input.case.id)).toBeNull();
  });

  it.each(['urgency', 'newest', 'oldest'] as const)('walks an index for the %s inbox instead of sorting it', (sort) => {
    const db = new Database(file, { readonly: true });
    try {
      for (const query of [{ staffId: 's', sort, limit: 50 }, { staffId: 's', sort, limit: 50, cursor: 'c', category: 'fraud', channelIds: ['a'] }]) {
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${inboxSql(query)}`).all({ staffId: 's', limit: 51, key: 0, id: 'x', category: 'fraud', channels: '["a"]' });
        const text = JSON.stringify(plan);
        expect(text).not.toMatch(/TEMP B-TREE/);
        expect(text).toMatch(/inbox_by_(urgency|created)/);
      }
    } finally {
      db.close();
    }
  });

  it('leases each job to one process and keeps one audit chain when four processes share the file', async () => {
    const jobs = Array.from({ length: 240 }, (_, i) => newJob({ runAt: at(-1000 - i) }));
    await store.outbox.enqueue(jobs);
    const run = promisify(execFile);
    const script = path.join(__dirname, 'store.sqlite-child.js');
    const labels = ['p1', 'p2', 'p3', 'p4'];
    const outputs = await Promise.all(
      labels.map((label) => run(process.execPath, [script, file, label, labels.join(','), '40'], { timeout: 25_000 })),
    );
    const results = outputs.map((o) => JSON.parse(o.stdout) as { claimed: string[]; markers: number[]; appended: number });
    const claimed = results.flatMap((r) => r.claimed);
    expect(claimed).toHaveLength(jobs.length);
    expect(new Set(claimed).size).toBe(jobs.length);
    // The test is only meaningful if the processes really interleaved.
    expect(results.filter((r) => r.claimed.length > 0).length).toBeGreaterThan(1);
    const markers = results.flatMap((r) => r.markers).sort((a, b) => a - b);
    expect(markers).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const entries = await store.audit.list({ limit: 1000 });
    expect(entries).toHaveLength(results.reduce((n, r) => n + r.appended, 0));
    expect(verifyChain(entries)).toBeNull();
  }, 30_000);
});
