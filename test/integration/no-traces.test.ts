/**
 * After a whole reporter journey (channels, upload, proof of work, submission, a wrong and a
 * right receipt, reading, answering, downloading), nothing the server wrote (the SQLite file
 * and its WAL, the blob folder, the logs) holds the receipt, its login secret, the client's
 * address or its user agent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { PublicChannelsResponse } from '../../shared/api/channel.schema';
import { formatReceipt, generateReceipt } from '../../shared/crypto';
import { seedDefaults } from '../../server/services/seed-defaults';
import { createTestApp, givenKeyedStaff, solvedPow, testCrypto, type TestApp } from '../support/test-app';
import { buildReport, newReporter, uploadEncrypted } from './support/reporter-kit';

const AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 AmanaTraceProbe/7.3';
const CLIENT_IP = '203.0.113.45';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('no traces of the reporter', () => {
  let t: TestApp;
  let needles: Record<string, Buffer>;

  beforeAll(async () => {
    // Behind one proxy the client's address arrives in X-Forwarded-For and becomes req.ip.
    t = await createTestApp({ env: { TRUST_PROXY: '1', PUBLIC_URL: 'https://amana.commune.example' } });
    await seedDefaults(t);
    const officer = await givenKeyedStaff(t.store, { channelId: 'ch-corruption' });
    const headers = { 'User-Agent': AGENT, 'X-Forwarded-For': CLIENT_IP };
    const crypto = await testCrypto();

    const { installation } = (await request(t.app).get('/api/v1/public/channels').set(headers).expect(200)).body as PublicChannelsResponse;
    const receipt = generateReceipt();
    const derived = await crypto.deriveReporterKeys(receipt, Buffer.from(installation.receiptSalt, 'base64'), installation.receiptKdf);
    const reporter = { ...(await newReporter()), keypair: derived.keypair, loginSecret: derived.loginSecret };
    const upload = await uploadEncrypted(t.app, new Uint8Array(100_000).fill(42));
    const { body } = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [officer], attachmentIds: [upload.id], reporter });
    await request(t.app).post('/api/v1/reports').set(headers).send({ ...body, pow: await solvedPow(t.app) }).expect(201);

    await request(t.app).post('/api/v1/reporter/session').set(headers).send({ loginSecret: Buffer.from((await newReporter()).loginSecret).toString('base64') }).expect(401);
    const session = await request(t.app).post('/api/v1/reporter/session').set(headers).send({ loginSecret: body.loginSecret }).expect(200);
    const auth = { ...headers, Authorization: `Bearer ${session.body.token as string}` };
    await request(t.app).get('/api/v1/reporter/case').set(auth).expect(200);
    const messageId = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    const message = Buffer.from(crypto.encryptEnvelope(reporter.caseKeys.caseKey, new TextEncoder().encode('more'), messageId, 'message')).toString('base64');
    await request(t.app).post('/api/v1/reporter/messages').set(auth).send({ id: messageId, body: message, attachmentIds: [] }).expect(201);
    await request(t.app).get(`/api/v1/reporter/attachments/${upload.id}/parts/0`).set(auth).expect(200);
    await request(t.app).get('/api/v1/reporter/nowhere').set(auth).expect(404);

    const secret = Buffer.from(derived.loginSecret);
    needles = {
      'login secret (bytes)': secret,
      'login secret (base64)': Buffer.from(secret.toString('base64')),
      'login secret (base64url)': Buffer.from(secret.toString('base64url')),
      'login secret (hex)': Buffer.from(secret.toString('hex')),
      'receipt (digits)': Buffer.from(receipt.replace(/\D/g, '')),
      'receipt (formatted)': Buffer.from(formatReceipt(receipt.replace(/\D/g, ''))),
      'session token': Buffer.from(session.body.token as string),
      'client address': Buffer.from(CLIENT_IP),
      'loopback address': Buffer.from('127.0.0.1'),
      'mapped address prefix': Buffer.from('::ffff'),
      'user agent': Buffer.from('AmanaTraceProbe'),
    };
  });
  afterAll(() => t.close());

  const found = (haystack: Buffer): string[] => Object.entries(needles).filter(([, needle]) => haystack.includes(needle)).map(([name]) => name);

  it('captured a log of the journey', () => {
    expect(t.log.lines.filter((l) => l.includes('"request"')).length).toBeGreaterThan(8);
  });

  it('leaves nothing in the logs', () => {
    expect(found(Buffer.from(t.log.text()))).toEqual([]);
    // Checked case-insensitively too, for the address prefix a logger might upper-case.
    expect(t.log.text().toLowerCase()).not.toContain('::ffff');
  });

  it('leaves nothing in the SQLite file, its WAL or the blob folder, before and after a checkpoint', async () => {
    const scan = () => files(t.dir).filter((f) => !f.endsWith('secrets.json')).map((f) => [path.relative(t.dir, f), found(readFileSync(f))] as const);
    const live = scan();
    expect(live.map(([f]) => f)).toEqual(expect.arrayContaining(['amana.sqlite', 'amana.sqlite-wal']));
    expect(live.filter(([f]) => f.startsWith('blobs')).length).toBeGreaterThan(0);
    expect(live.filter(([, hits]) => hits.length > 0)).toEqual([]);
    await t.store.close();
    expect(scan().filter(([, hits]) => hits.length > 0)).toEqual([]);
  });
});
