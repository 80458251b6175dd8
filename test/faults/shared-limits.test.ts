/**
 * Limits shared by every process: two API processes on one SQLite file (and one secrets
 * file). Failed staff sign-ins of a real account and of an address with no account, spread
 * over both processes, lock both alike in both processes; wrong receipts spread over both
 * count against one global budget, past which each follow-up attempt must carry a proof of
 * work (a challenge issued by one process is accepted by the other).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import request from 'supertest';
import { solvePow } from '../../shared/crypto';
import type { TestApp } from '../support/test-app';
import { activatePerson, CSRF, createStaffApp, randomB64, type Person } from '../staff/staff-harness';

const GLOBAL_MAX = 4;
const START_DEADLINE_MS = 60_000;

let t: TestApp;
let officer: Person;
const children: ChildProcess[] = [];
const urls: string[] = [];

function startProcess(dir: string): Promise<string> {
  const child = spawn(process.execPath, [path.join(__dirname, 'shared-limits-child.js'), dir, String(GLOBAL_MAX)], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API process did not listen within ${START_DEADLINE_MS} ms: ${stderr}`)), START_DEADLINE_MS);
    child.once('exit', (code) => reject(new Error(`API process exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
    });
  });
}

beforeAll(async () => {
  // The parent makes the DATA_DIR (secrets, migrated file) and the account; the children serve it.
  t = await createStaffApp();
  const channel = (await t.store.channels.list())[0]?.id;
  officer = await activatePerson(t, { roles: ['officer'], channels: channel ? [channel] : [] });
  urls.push(...(await Promise.all([startProcess(t.dir), startProcess(t.dir)])));
}, 120_000);

afterAll(async () => {
  await Promise.all(children.map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  })));
  await t.close();
});

const login = (url: string, email: string) =>
  request(url).post('/api/v1/auth/login').set(CSRF).send({ email, loginSecret: randomB64(32), totp: '000000' });

const openSession = (url: string, body: Record<string, unknown>) =>
  request(url).post('/api/v1/reporter/session').send({ loginSecret: randomB64(32), ...body });

it('locks a real account and an address without one alike in both processes after failures spread over both', async () => {
  const unknown = 'nobody-here@commune.example';
  const failures: Array<[number, number]> = [];
  for (let i = 0; i < 5; i += 1) {
    const url = urls[i % 2]!;
    // One after the other: the sign-in gate answers `busy` to a second concurrent Argon2id check.
    const known = await login(url, officer.email);
    const stranger = await login(url, unknown);
    failures.push([known.status, stranger.status]);
    expect(stranger.body).toEqual(known.body);
  }
  expect(failures).toEqual(Array.from({ length: 5 }, () => [401, 401]));

  for (const url of urls) {
    const known = await login(url, officer.email);
    const stranger = await login(url, unknown);
    expect([known.status, stranger.status]).toEqual([429, 429]);
    expect(stranger.body).toEqual(known.body);
    expect(known.body.error.id).toBe('login_locked');
    for (const res of [known, stranger]) {
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(30);
    }
  }
}, 120_000);

it('counts wrong receipts from both processes against one budget, then asks every attempt for a proof of work', async () => {
  for (let i = 0; i < GLOBAL_MAX; i += 1) await openSession(urls[i % 2]!, {}).expect(401);
  for (const url of urls) expect((await openSession(url, {}).expect(428)).body.error.id).toBe('pow_required');

  // A challenge from one process, solved, spent at the other: the attempt is answered on its merits.
  const issued = await request(urls[0]!).get('/api/v1/pow').expect(200);
  const { challenge, difficulty } = issued.body as { challenge: string; difficulty: number };
  const pow = { challenge, nonce: await solvePow(new Uint8Array(Buffer.from(challenge, 'base64')), difficulty) };
  expect((await openSession(urls[1]!, { pow }).expect(401)).body.error.id).toBe('receipt_invalid');
  // Spent there, so refused here.
  expect((await openSession(urls[0]!, { pow }).expect(400)).body.error.id).toBe('pow_invalid');
}, 120_000);
