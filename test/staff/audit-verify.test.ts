/**
 * The audit chain as `npm run audit:verify` checks it: staff actions over HTTP fill the log,
 * the verifier accepts it whole, and names the first bad entry after someone with write
 * access to the SQLite file alters, deletes or reorders entries behind the store's back.
 * The same verifier runs once through the built command, to check its output and exit code.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { describeVerdict, verifyAuditLog } from '../../server/cli/audit-verify';
import { silentLogger } from '../../server/logger';
import { auditHash } from '../../server/services/audit-chain';
import { ensureBuilt } from '../support/built';
import { givenChannel, newCaseInput } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { activatePerson, as, createStaffApp, fakeEnvelope } from './staff-harness';

let t: TestApp;

beforeEach(async () => {
  t = await createStaffApp();
  const channelId = (await givenChannel(t.store)).id;
  const officer = await activatePerson(t, { roles: ['officer'], channels: [channelId] });
  const record = await t.store.cases.create(newCaseInput({ case: { channelId }, officers: [officer.staff.id] }));
  await as(t, officer.token).get(`/api/v1/cases/${record.id}`).expect(200);
  await as(t, officer.token).post(`/api/v1/cases/${record.id}/status`).send({ status: 'acknowledged', reason: fakeEnvelope('message') }).expect(200);
  await as(t, officer.token).post(`/api/v1/cases/${record.id}/messages`).send({ id: randomUUID(), kind: 'message', body: fakeEnvelope('message') }).expect(201);
  await as(t, officer.token).post(`/api/v1/cases/${record.id}/export`).send({ format: 'json' }).expect(204);
  await as(t, officer.token).post('/api/v1/auth/logout').expect(204);
});
afterEach(async () => {
  await t.close();
});

function tamper(sql: string): void {
  const db = new Database(t.config.paths.sqlite);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

describe('audit:verify', () => {
  it('accepts the log that staff actions wrote, in order', async () => {
    const entries = await t.store.audit.list({ limit: 100 });
    expect(entries.map((e) => e.action)).toEqual(['staff.activated', 'case.opened', 'case.status', 'case.message', 'case.export', 'auth.logout']);
    const verdict = await verifyAuditLog(t.store.audit);
    expect(verdict).toEqual({ ok: true, count: 6, lastHash: entries[5]?.hash });
    expect(describeVerdict(verdict)).toMatch(/^OK: 6 audit entries/);
  });

  it.each([
    ['an altered detail', `UPDATE audit_log SET detail = '{"format":"pdf"}' WHERE seq = 5`, 5, 4],
    ['an altered actor', `UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 3`, 3, 2],
    ['an altered time', 'UPDATE audit_log SET at = at - 1000 WHERE seq = 2', 2, 1],
    ['a deleted entry', 'DELETE FROM audit_log WHERE seq = 4', 5, 3],
    ['a deleted first entry', 'DELETE FROM audit_log WHERE seq = 1', 2, 0],
    ['two entries swapped', 'UPDATE audit_log SET seq = -3 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -3', 3, 2],
  ])('names the first bad entry after %s', async (_what, sql, badSeq, intact) => {
    tamper(sql);
    const verdict = await verifyAuditLog(t.store.audit);
    expect(verdict).toEqual({ ok: false, badSeq, checked: intact });
    expect(describeVerdict(verdict)).toMatch(new RegExp(`^FAILED: audit entry ${badSeq} `));
  });

  it('finds an entry rewritten with a freshly computed hash at the next entry, whose link no longer holds', async () => {
    const [entry] = await t.store.audit.list({ fromSeq: 2, limit: 1 });
    if (!entry) throw new Error('no entry 2');
    const forged = auditHash(entry.prevHash, { ...entry, action: 'case.viewed' });
    tamper(`UPDATE audit_log SET action = 'case.viewed', hash = '${forged}' WHERE seq = 2`);
    expect(await verifyAuditLog(t.store.audit)).toEqual({ ok: false, badSeq: 3, checked: 2 });
  });

  it('checks across pages, so a gap at a page boundary is found too', async () => {
    for (let i = 0; i < 1200; i += 1) await t.store.audit.append({ at: new Date(), actorId: null, action: 'test.filler', caseId: null, detail: { i } });
    expect(await verifyAuditLog(t.store.audit)).toMatchObject({ ok: true, count: 1206 });
    tamper('DELETE FROM audit_log WHERE seq = 1001');
    expect(await verifyAuditLog(t.store.audit)).toEqual({ ok: false, badSeq: 1002, checked: 1000 });
  });

  it('runs as a command: exit 0 with OK on a sound log, exit 1 naming the entry on a tampered one', async () => {
    ensureBuilt();
    const cli = path.resolve(__dirname, '..', '..', 'dist', 'server', 'cli', 'audit-verify.js');
    const run = promisify(execFile);
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: t.dir, LOG_LEVEL: 'silent' };
    // The API process keeps the file open; the command opens it beside it, as an operator would.
    const ok = await run(process.execPath, [cli], { env });
    expect(ok.stdout).toMatch(/^OK: 6 audit entries/);
    tamper(`UPDATE audit_log SET detail = '{}' WHERE seq = 3`);
    const failed = await run(process.execPath, [cli], { env }).then(
      () => null,
      (err: { code: number; stdout: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/^FAILED: audit entry 3 /);
    // The store itself still opens; the verdict is about the log's integrity, not availability.
    const reopened = await openSqliteStore(t.config.paths.sqlite, silentLogger);
    await reopened.close();
  }, 300_000);
});
