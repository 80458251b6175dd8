/**
 * `npm run backup` and `npm run restore` end to end, with real processes: a backup taken while
 * reporters keep filing reports is restored into a fresh DATA_DIR, a server started on it, and
 * a reporter signs in with the login secret of the receipt and reads the case, the officer's
 * reply and the attachment. Reports filed while the backup ran are each either whole in the
 * restored installation or absent, never half there.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../server/logger';
import { BACKUP_KEY } from '../../server/services/admin/readiness';
import { MANIFEST, SECRETS_DIR, manifestSchema } from '../../server/cli/backup-manifest';
import { newMessage } from '../support/factories';
import { ensureBuilt } from '../support/built';
import { testCrypto, type KeyedStaff } from '../support/test-app';
import { buildReport, openSession, submit, uploadEncrypted, type Reporter } from '../integration/support/reporter-kit';
import { CONTEXT } from '../../shared/protocol/report-body';
import { backupEntry, freshDir, restoreEntry, runCommand, seedInstallation, startServer, stopServer, type Server } from './ops.support';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const DURING_BACKUP_MAX = 12;

beforeAll(() => ensureBuilt(), 300_000);

const dirs: string[] = [];
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await stopServer(s);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const dir = (label: string) => {
  const d = freshDir(label);
  dirs.push(d);
  return d;
};

async function file(server: Server, officer: KeyedStaff, attachment?: Uint8Array): Promise<{ reporter: Reporter; attachmentId: string | null; answers: Record<string, string> }> {
  const upload = attachment === undefined ? null : await uploadEncrypted(server.target, attachment);
  const answers = { what: `Report ${Math.random()}` };
  const built = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [officer], answers, attachmentIds: upload ? [upload.id] : [] });
  await submit(server.target, built.body, 201);
  return { reporter: built.reporter, attachmentId: upload?.id ?? null, answers };
}

it('a backup made while reports are filed restores into a fresh DATA_DIR where a reporter follows up with the receipt', async () => {
  const source = dir('source');
  const { officer } = await seedInstallation(source);
  const server = await startServer(source);
  servers.push(server);

  const attachment = new Uint8Array(64 * 1024 * 3 + 17).map((_, i) => (i * 7) % 251);
  const first = await file(server, officer, attachment);
  // The officer's reply, written by a second process on the same file as a staff browser would cause.
  const side = await openSqliteStore(path.join(source, 'amana.sqlite'), silentLogger);
  const caseId = (await side.attachments.get(first.attachmentId!))!.caseId!;
  const reply = newMessage(caseId, { author: officer.staff.id, kind: 'message' });
  await side.messages.add(reply, []);

  const backupDir = path.join(dir('backups'), 'nightly');
  const backup = runCommand(backupEntry, [backupDir], { DATA_DIR: source });
  let backupDone = false;
  void backup.then(() => {
    backupDone = true;
  });
  const during: Reporter[] = [];
  while (!backupDone && during.length < DURING_BACKUP_MAX) during.push((await file(server, officer)).reporter);
  const result = await backup;
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  expect(result.stdout).toContain(`Backup complete: ${backupDir}`);
  expect(result.stdout).toContain(path.join(backupDir, SECRETS_DIR));
  expect(during.length).toBeGreaterThan(0);

  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(backupDir, MANIFEST), 'utf8')));
  expect(manifest.secrets).toBe('file');
  expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['amana.sqlite', `${SECRETS_DIR}/secrets.json`]));
  expect(manifest.files.filter((f) => f.path.startsWith('blobs/') && f.path.endsWith('.blob')).length).toBeGreaterThan(0);
  expect(manifest.files.some((f) => f.path.includes('.tmp-'))).toBe(false);
  expect(readFileSync(path.join(backupDir, SECRETS_DIR, 'README.txt'), 'utf8')).toMatch(/^KEEP THIS FOLDER APART/);
  // The admin checklist's "backups" item reads this.
  expect(await side.settings.get(BACKUP_KEY)).toEqual({ at: manifest.createdAt });
  await side.close();

  const target = dir('restored');
  const restored = await runCommand(restoreEntry, [backupDir], { DATA_DIR: target });
  expect({ code: restored.code, stderr: restored.stderr }).toEqual({ code: 0, stderr: '' });
  await stopServer(server);
  const again = await startServer(target);
  servers.push(again);

  const crypto = await testCrypto();
  const token = await openSession(again.target, first.reporter);
  const view = (await request(again.base).get('/api/v1/reporter/case').set('Authorization', `Bearer ${token}`).expect(200)).body;
  const answers = crypto.decryptEnvelope(first.reporter.caseKeys.caseKey, Buffer.from(view.body, 'base64'), CONTEXT.body, 'body');
  expect(JSON.parse(new TextDecoder().decode(answers))).toEqual(first.answers);
  expect(view.messages.map((m: { id: string }) => m.id)).toContain(reply.id);
  expect(view.attachments).toEqual([expect.objectContaining({ id: first.attachmentId })]);
  const part = await request(again.base)
    .get(`/api/v1/reporter/attachments/${first.attachmentId!}/parts/0`)
    .set('Authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect((part.body as Buffer).length).toBeGreaterThan(attachment.length);
  // ...and answers: the restored installation takes new writes for the old case.
  const answerId = randomUUID();
  const answer = b64(crypto.encryptEnvelope(first.reporter.caseKeys.caseKey, new TextEncoder().encode('Still happening.'), answerId, 'message'));
  await request(again.base).post('/api/v1/reporter/messages').set('Authorization', `Bearer ${token}`).send({ id: answerId, body: answer, attachmentIds: [] }).expect(201);
  const after = (await request(again.base).get('/api/v1/reporter/case').set('Authorization', `Bearer ${token}`).expect(200)).body;
  expect(after.messages.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([reply.id, answerId]));

  // Each report filed during the backup is either whole in the restored installation or absent.
  let present = 0;
  for (const reporter of during) {
    const res = await request(again.base).post('/api/v1/reporter/session').send({ loginSecret: b64(reporter.loginSecret) });
    expect([200, 401]).toContain(res.status);
    if (res.status !== 200) continue;
    present += 1;
    const caseView = (await request(again.base).get('/api/v1/reporter/case').set('Authorization', `Bearer ${res.body.token as string}`).expect(200)).body;
    expect(caseView.body).toEqual(expect.any(String));
  }
  const check = new Database(path.join(target, 'amana.sqlite'), { readonly: true });
  try {
    expect(check.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM cases').get()?.n).toBe(1 + present);
  } finally {
    check.close();
  }
}, 240_000);
