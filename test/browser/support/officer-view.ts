/**
 * What an officer's browser does with a case, done here in Node with the libsodium backend
 * forced (no fallback): unwrap the case key with the officer's X25519 secret key, decrypt
 * the report and the reporter's messages, and decrypt every attachment chunk by chunk from
 * the parts the blob store holds. The custodian likewise opens the disclosed identity.
 * Reading a report the browser wrote is the proof that both backends speak one protocol.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DiskBlobStore } from '../../../server/adapters/disk/disk.blob';
import type { CaseRecord, Store, WrappedKey } from '../../../server/ports/store.port';
import { ATTACHMENT_CIPHER_CHUNK_BYTES, createAmanaCrypto, loadBackend, type AmanaCrypto } from '../../../shared/crypto';
import {
  CONTEXT, parseMessageBody, parseReportBody, type AttachmentDescriptor, type IdentityV1, type MessageBodyV1, type ReportBodyV1,
} from '../../../shared/protocol/report-body';
import type { KeyedStaff } from '../../support/test-app';

const text = new TextDecoder('utf-8', { fatal: true });
const b64 = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'base64'));

/** libsodium, never noble: the report was made by noble in the jitless browser. */
export async function libsodiumCrypto(): Promise<AmanaCrypto> {
  const crypto = createAmanaCrypto(await loadBackend('libsodium'));
  if (crypto.backendName !== 'libsodium') throw new Error(`expected libsodium, got ${crypto.backendName}`);
  return crypto;
}

/** The case a login secret opens, found the way the server finds it (keyed hash, pepper from secrets.json). */
export async function caseForLoginSecret(store: Store, dataDir: string, loginSecret: Uint8Array): Promise<CaseRecord> {
  const { serverPepper } = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { serverPepper: string };
  const lookup = createHmac('sha256', Buffer.from(serverPepper, 'hex')).update(loginSecret).digest('hex');
  const found = await store.cases.byReceiptLookup(lookup);
  if (!found) throw new Error('no case for this login secret');
  return found;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export interface OpenedFile {
  descriptor: AttachmentDescriptor;
  plain: Buffer;
  fileKey: Uint8Array;
}

async function decryptFile(crypto: AmanaCrypto, store: Store, blobs: DiskBlobStore, descriptor: AttachmentDescriptor): Promise<OpenedFile> {
  const record = await store.attachments.get(descriptor.attachmentId);
  if (!record) throw new Error(`attachment ${descriptor.attachmentId} is not in the store`);
  const parts: Buffer[] = [];
  for (let index = 0; index < record.chunkCount; index++) parts.push(await readAll(await blobs.get(`${descriptor.attachmentId}/${index}`)));
  const cipher = Buffer.concat(parts);
  const fileKey = b64(descriptor.fileKey);
  const decryptor = crypto.createAttachmentDecryptor(fileKey, b64(descriptor.header));
  const plain: Uint8Array[] = [];
  for (let offset = 0, index = 0; offset < cipher.length; offset += ATTACHMENT_CIPHER_CHUNK_BYTES, index++) {
    const isLast = offset + ATTACHMENT_CIPHER_CHUNK_BYTES >= cipher.length;
    plain.push(decryptor.decryptChunk(cipher.subarray(offset, offset + ATTACHMENT_CIPHER_CHUNK_BYTES), index, isLast));
  }
  decryptor.finish();
  return { descriptor, plain: Buffer.concat(plain), fileKey };
}

export interface OfficerView {
  keys: WrappedKey[];
  caseKey: Uint8Array;
  report: ReportBodyV1;
  messages: MessageBodyV1[];
  /** every attachment of the report and of the messages, decrypted */
  files: OpenedFile[];
}

export async function openAsOfficer(crypto: AmanaCrypto, store: Store, dataDir: string, record: CaseRecord, officer: KeyedStaff): Promise<OfficerView> {
  const keys = await store.cases.keys(record.id);
  const mine = keys.find((k) => k.kind === 'case' && k.recipient === officer.staff.id);
  if (!mine) throw new Error('the case key was not sealed to this officer');
  const caseKey = crypto.unwrapKey(mine.wrapped, officer.keypair, 'case');
  const report = parseReportBody(text.decode(crypto.decryptEnvelope(caseKey, record.body, CONTEXT.body, 'body')));
  if (!report) throw new Error('the report body does not parse');
  const messages: MessageBodyV1[] = [];
  for (const message of await store.messages.list(record.id, ['message'])) {
    const body = parseMessageBody(text.decode(crypto.decryptEnvelope(caseKey, message.body, message.id, 'message')));
    if (!body) throw new Error(`message ${message.id} does not parse`);
    messages.push(body);
  }
  const blobs = new DiskBlobStore(path.join(dataDir, 'blobs'));
  const descriptors = [...report.attachments, ...messages.flatMap((m) => m.attachments)];
  const files: OpenedFile[] = [];
  for (const descriptor of descriptors) files.push(await decryptFile(crypto, store, blobs, descriptor));
  return { keys, caseKey, report, messages, files };
}

/** The custodian's side: the identity key is sealed to custodians only. */
export function openIdentity(crypto: AmanaCrypto, keys: WrappedKey[], record: CaseRecord, custodian: KeyedStaff): IdentityV1 {
  const sealed = keys.find((k) => k.kind === 'identity' && k.recipient === custodian.staff.id);
  if (!sealed || !record.identity) throw new Error('no identity sealed to this custodian');
  const identityKey = crypto.unwrapKey(sealed.wrapped, custodian.keypair, 'identity');
  return JSON.parse(text.decode(crypto.decryptEnvelope(identityKey, record.identity, CONTEXT.identity, 'identity'))) as IdentityV1;
}
