/**
 * What a reporter's browser does before POST /reports, done with the real crypto module:
 * fresh case keys, the report encrypted under the case key, the keys sealed to the reporter,
 * to each officer (case and notes) and, for a disclosed identity, to the custodians.
 */
import type { Express } from 'express';
import request from 'supertest';
import type { SubmitReport, WrappedKeyInput } from '../../../shared/api/report.schema';
import type { CaseKeys, X25519Keypair } from '../../../shared/crypto';
import { CONTEXT } from '../../../shared/protocol/report-body';
import { solvedPow, testCrypto, type KeyedStaff } from '../../support/test-app';

export interface Reporter {
  keypair: X25519Keypair;
  /** stands for the secret Argon2id derives from a receipt: the server only ever sees these 32 bytes */
  loginSecret: Uint8Array;
  caseKeys: CaseKeys;
}

export type ReportBody = Omit<SubmitReport, 'pow'>;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export async function newReporter(): Promise<Reporter> {
  const crypto = await testCrypto();
  return { keypair: crypto.x25519Keypair(), loginSecret: crypto.randomBytes(32), caseKeys: crypto.newCaseKeys() };
}

export interface ReportOptions {
  channelId: string;
  category: string;
  officers: KeyedStaff[];
  custodians?: KeyedStaff[];
  identity?: string;
  attachmentIds?: string[];
  reporter?: Reporter;
  answers?: Record<string, string>;
}

export async function buildReport(options: ReportOptions): Promise<{ reporter: Reporter; body: ReportBody }> {
  const crypto = await testCrypto();
  const reporter = options.reporter ?? (await newReporter());
  const { caseKey, notesKey, identityKey } = reporter.caseKeys;
  const keys: WrappedKeyInput[] = [{ kind: 'case', recipient: 'reporter', wrapped: b64(crypto.wrapKeyForSelf(caseKey, reporter.keypair.secretKey, 'case')) }];
  for (const { staff, keypair } of options.officers) {
    keys.push({ kind: 'case', recipient: staff.id, wrapped: b64(crypto.wrapKey(caseKey, keypair.publicKey, 'case')) });
    keys.push({ kind: 'notes', recipient: staff.id, wrapped: b64(crypto.wrapKey(notesKey, keypair.publicKey, 'notes')) });
  }
  const identity = options.identity === undefined ? null : crypto.encryptEnvelope(identityKey, new TextEncoder().encode(options.identity), CONTEXT.identity, 'identity');
  if (identity !== null) {
    for (const { staff, keypair } of options.custodians ?? []) {
      keys.push({ kind: 'identity', recipient: staff.id, wrapped: b64(crypto.wrapKey(identityKey, keypair.publicKey, 'identity')) });
    }
  }
  const answers = new TextEncoder().encode(JSON.stringify(options.answers ?? { what: 'The permit office asked for 2000 dirhams.' }));
  return {
    reporter,
    body: {
      channelId: options.channelId,
      category: options.category,
      language: 'fr',
      reporterPublicKey: b64(reporter.keypair.publicKey),
      loginSecret: b64(reporter.loginSecret),
      body: b64(crypto.encryptEnvelope(caseKey, answers, CONTEXT.body, 'body')),
      identity: identity === null ? null : b64(identity),
      keys,
      attachmentIds: options.attachmentIds ?? [],
    },
  };
}

/** POST /reports with a freshly solved proof of work; with `expected`, fails (showing the error) on another status. */
export async function submit(app: Express, body: ReportBody | Record<string, unknown>, expected?: number): Promise<request.Response> {
  const res = await request(app).post('/api/v1/reports').send({ ...body, pow: await solvedPow(app) });
  if (expected !== undefined && res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

/** Opens a reporter session; returns the bearer token. */
export async function openSession(app: Express, reporter: Reporter): Promise<string> {
  const res = await request(app).post('/api/v1/reporter/session').send({ loginSecret: b64(reporter.loginSecret) }).expect(200);
  return (res.body as { token: string }).token;
}

export interface UploadedAttachment {
  id: string;
  fileKey: Uint8Array;
  header: Uint8Array;
  parts: Buffer[];
}

/**
 * Encrypts `data` as the browser does (64 KiB chunks, STREAM) and uploads it in parts of 64
 * chunks, as docs/PROTOCOL.md §7 says: the blob is the chunks only, the stream header travels in
 * the descriptor. Here the header and the file key stay in the test's hands; a browser seals
 * both under the case key.
 */
export async function uploadEncrypted(app: Express, data: Uint8Array): Promise<UploadedAttachment> {
  const crypto = await testCrypto();
  const fileKey = crypto.randomBytes(32);
  const { header, chunks } = crypto.encryptAttachmentStream(fileKey, (async function* () { yield data; })());
  const cipherChunks: Uint8Array[] = [];
  for await (const chunk of chunks) cipherChunks.push(chunk);
  const parts: Buffer[] = [];
  for (let i = 0; i < cipherChunks.length; i += 64) parts.push(Buffer.concat(cipherChunks.slice(i, i + 64)));
  const size = parts.reduce((n, p) => n + p.length, 0);
  const created = await request(app).post('/api/v1/attachments').send({ size, parts: parts.length, pow: await solvedPow(app) }).expect(201);
  const id = (created.body as { id: string }).id;
  for (const [index, part] of parts.entries()) {
    await request(app).put(`/api/v1/attachments/${id}/parts/${index}`).set('Content-Type', 'application/octet-stream').send(part).expect(200);
  }
  return { id, fileKey, header, parts };
}
