/**
 * Encrypted attachments as the reporter's browser uploads them (client/src/attachments/
 * upload-attachment.ts): a file of n plaintext bytes becomes floor(n / 64 KiB) + 1 chunks of
 * 64 KiB + 16, sent in parts of 64 chunks, one part at a time. The bytes are random: the
 * server treats ciphertext as opaque, so no encryption is needed to load it.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { PowChallenge } from '../../shared/api/report.schema';
import { ATTACHMENT_CHUNK_BYTES, ATTACHMENT_CIPHER_CHUNK_BYTES, solvePow } from '../../shared/crypto';
import { json } from './http';

export const PART_CHUNKS = 64;

export interface Layout {
  chunks: number;
  bytes: number;
  parts: number;
}

export function cipherLayout(plainBytes: number): Layout {
  const chunks = Math.floor(plainBytes / ATTACHMENT_CHUNK_BYTES) + 1;
  return { chunks, bytes: chunks * ATTACHMENT_CIPHER_CHUNK_BYTES, parts: Math.ceil(chunks / PART_CHUNKS) };
}

/** One full part of random "ciphertext", reused for every part (shorter parts are a prefix). */
const FULL_PART = randomBytes(PART_CHUNKS * ATTACHMENT_CIPHER_CHUNK_BYTES);

function partBytes(layout: Layout, index: number): Buffer {
  const chunks = Math.min(PART_CHUNKS, layout.chunks - index * PART_CHUNKS);
  return FULL_PART.subarray(0, chunks * ATTACHMENT_CIPHER_CHUNK_BYTES);
}

function put(agent: http.Agent, port: number, path: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'PUT', path, agent, headers: { 'content-type': 'application/octet-stream', 'content-length': body.length } },
      (res) => {
        res.resume().on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export type Target = 'amana' | 'pipe';

/** Every upload costs a proof of work of its own, solved as the browser does (inside the timing, at the bench's low difficulty). */
async function uploadPow(port: number, agent: http.Agent): Promise<{ challenge: string; nonce: string }> {
  const { challenge, difficulty } = await json<PowChallenge>(port, 'GET', '/api/v1/pow', undefined, 200, agent);
  return { challenge, nonce: await solvePow(new Uint8Array(Buffer.from(challenge, 'base64')), difficulty, { batchSize: 64 }) };
}

/**
 * Uploads one attachment of `plainBytes` to Amana (announce, then every part) or the same
 * parts to the raw pipe server; returns the ciphertext bytes sent.
 */
export async function uploadOne(target: Target, port: number, plainBytes: number, agent: http.Agent, seq: number): Promise<number> {
  const layout = cipherLayout(plainBytes);
  const id =
    target === 'amana'
      ? (await json<{ id: string }>(port, 'POST', '/api/v1/attachments', { size: layout.bytes, parts: layout.parts, pow: await uploadPow(port, agent) }, 201, agent)).id
      : `file-${seq}`;
  for (let index = 0; index < layout.parts; index++) {
    const status = await put(agent, port, `/api/v1/attachments/${id}/parts/${index}`, partBytes(layout, index));
    if (status !== 200) throw new Error(`${target}: part ${index} of ${id} answered ${status}`);
  }
  return layout.bytes;
}
