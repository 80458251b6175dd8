/**
 * Attachment uploads before the report exists: announce, send parts as raw ciphertext,
 * resume from the state, complete. A refused part leaves nothing behind, in the store or
 * on disk, and a finished or claimed upload can no longer change.
 */
import { readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { maxAttachmentBytes, maxPartBytes } from '../../server/services/attachment-limits';
import { seedDefaults } from '../../server/services/seed-defaults';
import { createTestApp, givenKeyedStaff, rowCounts, solvedPow, type TestApp } from '../support/test-app';
import { buildReport, submit } from './support/reporter-kit';

/** one STREAM ciphertext chunk (docs/PROTOCOL.md §7), and a full part of 64 of them */
const CHUNK = 64 * 1024 + 16;
const PART = 64 * CHUNK;

describe('attachment uploads', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** announces an upload with a fresh proof of work and expects `status` */
  const create = async (size: number, parts: number, status: number) =>
    request(t.app).post('/api/v1/attachments').send({ size, parts, pow: await solvedPow(t.app) }).expect(status);
  const put = (id: string, index: number | string, bytes: Buffer) =>
    request(t.app).put(`/api/v1/attachments/${id}/parts/${index}`).set('Content-Type', 'application/octet-stream').send(bytes);
  const state = (id: string) => request(t.app).get(`/api/v1/attachments/${id}`);
  const blobFiles = (): string[] => walk(t.config.paths.blobs);
  const bytes = (n: number, fill: number): Buffer => Buffer.alloc(n, fill);

  it('announces an upload, takes its parts in any order and completes with the last one', async () => {
    const created = await create((2 * 64 + 1) * CHUNK, 3, 201);
    const id = created.body.id as string;
    expect(created.body).toEqual({ id, parts: 3, received: [], complete: false });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    expect((await put(id, 2, bytes(CHUNK, 2)).expect(200)).body).toEqual({ id, parts: 3, received: [2], complete: false });
    await put(id, 0, bytes(PART, 0)).expect(200);
    // Resuming after an interruption: the state says what is missing.
    expect((await state(id).expect(200)).body).toEqual({ id, parts: 3, received: [0, 2], complete: false });
    expect((await put(id, 1, bytes(PART, 1)).expect(200)).body).toEqual({ id, parts: 3, received: [0, 1, 2], complete: true });

    const record = await t.store.attachments.get(id);
    expect(record).toMatchObject({ status: 'complete', receivedChunks: 3, chunkCount: 3, size: (2 * 64 + 1) * CHUNK, caseId: null });
    expect(await readBlob(t, `${id}/2`)).toEqual(bytes(CHUNK, 2));
  });

  it('keeps the first copy of a part sent again while uploading and counts it once', async () => {
    const id = (await create(65 * CHUNK, 2, 201)).body.id as string;
    await put(id, 1, bytes(CHUNK, 7)).expect(200);
    expect((await put(id, 1, bytes(CHUNK, 8)).expect(200)).body.received).toEqual([1]);
    expect((await t.store.attachments.get(id))?.receivedChunks).toBe(1);
    expect(await readBlob(t, `${id}/1`)).toEqual(bytes(CHUNK, 7));
  });

  it('refuses a part over the part limit and stores nothing of it', async () => {
    const id = (await create(128 * CHUNK, 2, 201)).body.id as string;
    const before = rowCounts(t.config);
    const res = await put(id, 0, bytes(maxPartBytes(t.config.limits) + 1, 9)).expect(413);
    expect(res.body.error).toMatchObject({ id: 'part_too_large', details: { maxBytes: maxPartBytes(t.config.limits) } });
    expect(maxPartBytes(t.config.limits)).toBe(PART);
    expect(rowCounts(t.config)).toEqual(before);
    expect((await state(id).expect(200)).body.received).toEqual([]);
    expect(blobFiles().filter((f) => f.includes(id))).toEqual([]);
    expect(blobFiles().filter((f) => path.basename(f).startsWith('.tmp'))).toEqual([]);
  });

  it('refuses a part that is not whole chunks, or not the chunks its place carries, and stores nothing of it', async () => {
    // 66 chunks: part 0 carries 64 (4,195,328 bytes), part 1 the last 2 (131,104 bytes).
    const id = (await create(66 * CHUNK, 2, 201)).body.id as string;
    const before = rowCounts(t.config);
    const cases: [number, number, number][] = [
      [0, PART - 1, PART], // one byte short of its chunks
      [0, 2 * CHUNK, PART], // whole chunks, but a full part must carry 64
      [0, 100, PART], // the header alone, as a kit that put it in part 0 would send
      [1, 2 * CHUNK + 17, 2 * CHUNK], // the last part with a STREAM header in front
      [1, CHUNK, 2 * CHUNK], // a chunk missing: the file would be truncated
      [1, 3 * CHUNK, 2 * CHUNK], // a chunk too many
    ];
    for (const [index, length, expectedBytes] of cases) {
      const res = await put(id, index, bytes(length, 5));
      expect({ index, length, status: res.status, error: res.body.error?.id, details: res.body.error?.details }).toEqual({ index, length, status: 400, error: 'part_size_invalid', details: { expectedBytes } });
    }
    expect(rowCounts(t.config)).toEqual(before);
    expect((await state(id).expect(200)).body).toEqual({ id, parts: 2, received: [], complete: false });
    expect(blobFiles().filter((f) => f.includes(id) || path.basename(f).startsWith('.tmp'))).toEqual([]);
    // The right sizes are taken and complete the upload: 66 chunks, 4,326,432 bytes, as announced.
    await put(id, 1, bytes(2 * CHUNK, 1)).expect(200);
    expect((await put(id, 0, bytes(PART, 0)).expect(200)).body.complete).toBe(true);
  });

  it('refuses a part without a length, and one that is not octet-stream', async () => {
    const id = (await create(CHUNK, 1, 201)).body.id as string;
    const chunked = await rawPut(t, `/api/v1/attachments/${id}/parts/0`, { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' });
    expect(chunked).toMatchObject({ status: 411, id: 'length_required' });
    const asJson = await request(t.app).put(`/api/v1/attachments/${id}/parts/0`).set('Content-Type', 'text/plain').send('hello');
    expect({ status: asJson.status, id: asJson.body.error.id }).toEqual({ status: 415, id: 'unsupported_media_type' });
    expect(blobFiles().filter((f) => f.includes(id))).toEqual([]);
  });

  it('stores nothing of a part whose client went away mid-upload, and logs no server error', async () => {
    const id = (await create(CHUNK, 1, 201)).body.id as string;
    await abortedPut(t, `/api/v1/attachments/${id}/parts/0`, CHUNK, 300);
    // The server notices the abort asynchronously; give it a moment to clean up.
    for (let i = 0; i < 50 && blobFiles().some((f) => f.includes(id) || path.basename(f).startsWith('.tmp')); i += 1) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(blobFiles().filter((f) => f.includes(id) || path.basename(f).startsWith('.tmp'))).toEqual([]);
    expect((await state(id).expect(200)).body.received).toEqual([]);
    expect(t.log.text()).not.toContain('unhandled error');
  });

  it('refuses bad ids and part indexes with stable ids', async () => {
    const id = (await create(CHUNK, 1, 201)).body.id as string;
    const cases: [string, number | string, number, string][] = [
      ['not-a-uuid', 0, 400, 'validation_failed'],
      ['..%2F..%2Fsecrets', 0, 400, 'validation_failed'],
      ['3c1ad7f5-8a2e-4a8b-9d3e-6f7a8b9c0d1e', 0, 404, 'attachment_not_found'],
      [id, 1, 400, 'part_index_invalid'],
      [id, '01', 400, 'validation_failed'],
      [id, '-1', 400, 'validation_failed'],
      [id, '1e3', 400, 'validation_failed'],
    ];
    for (const [attachmentId, index, status, errorId] of cases) {
      const res = await put(attachmentId, index, bytes(10, 1));
      expect({ attachmentId, index, status: res.status, id: res.body.error?.id }).toEqual({ attachmentId, index, status, id: errorId });
    }
    await state('not-a-uuid').expect(400);
    expect((await state('3c1ad7f5-8a2e-4a8b-9d3e-6f7a8b9c0d1e').expect(404)).body.error.id).toBe('attachment_not_found');
    expect(blobFiles().filter((f) => f.includes(id))).toEqual([]);
  });

  it('refuses announcements that are too large, not whole chunks, or whose parts do not fit the size', async () => {
    const max = maxAttachmentBytes(t.config.limits);
    const maxChunks = Math.floor(t.config.limits.attachmentBytes / t.config.limits.chunkBytes) + 1;
    // The largest file the client allows, padded and tagged, still fits: chunks only, no header.
    expect(max).toBe(maxChunks * CHUNK);
    await create(max, Math.ceil(maxChunks / 64), 201);
    expect((await create(max + CHUNK, Math.ceil((maxChunks + 1) / 64), 413)).body.error).toMatchObject({ id: 'attachment_too_large', details: { maxBytes: max } });
    const before = rowCounts(t.config);
    for (const size of [CHUNK + 17, CHUNK - 1, 100, 17]) {
      expect((await create(size, 1, 400)).body.error).toMatchObject({ id: 'attachment_size_invalid', details: { cipherChunkBytes: CHUNK } });
    }
    // 192 chunks are exactly three full parts; 65 chunks need two.
    expect((await create(192 * CHUNK, 2, 400)).body.error).toMatchObject({ id: 'attachment_parts_invalid', details: { parts: 3, partChunks: 64 } });
    expect((await create(192 * CHUNK, 4, 400)).body.error).toMatchObject({ id: 'attachment_parts_invalid', details: { parts: 3 } });
    expect((await create(65 * CHUNK, 1, 400)).body.error).toMatchObject({ id: 'attachment_parts_invalid', details: { parts: 2 } });
    expect((await create(CHUNK, 50, 400)).body.error.id).toBe('attachment_parts_invalid');
    expect(rowCounts(t.config)).toEqual(before);
    expect((await create(0, 1, 400)).body.error).toMatchObject({ id: 'validation_failed', details: { field: 'size' } });
    expect((await create(10, 1.5, 400)).body.error).toMatchObject({ id: 'validation_failed', details: { field: 'parts' } });
  });

  it('freezes an upload once complete, and once a report holds it', async () => {
    await seedDefaults(t);
    const officer = await givenKeyedStaff(t.store, { channelId: 'ch-corruption' });
    const id = (await create(CHUNK, 1, 201)).body.id as string;
    await put(id, 0, bytes(CHUNK, 3)).expect(200);
    expect((await put(id, 0, bytes(CHUNK, 4)).expect(409)).body.error.id).toBe('attachment_complete');
    expect((await state(id).expect(200)).body).toEqual({ id, parts: 1, received: [0], complete: true });

    const { body } = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [officer], attachmentIds: [id] });
    await submit(t.app, body, 201);
    expect((await put(id, 0, bytes(CHUNK, 5)).expect(409)).body.error.id).toBe('attachment_attached');
    expect((await state(id).expect(409)).body.error.id).toBe('attachment_attached');
    expect(await readBlob(t, `${id}/0`)).toEqual(bytes(CHUNK, 3));
  });
});

describe('what an upload costs', () => {
  let t: TestApp;
  const MIB = 1024 * 1024;
  // 16 chunks (1 MiB and 256 B) each; the budgets below hold three of them per address, five in all.
  const SIZE = 16 * CHUNK;

  beforeAll(async () => {
    // One proxy in front: the address comes from X-Forwarded-For, so tests can be several clients.
    t = await createTestApp({ env: { TRUST_PROXY: '1', PUBLIC_URL: 'https://amana.commune.example' } });
  });
  afterAll(() => t.close());

  const announce = (ip: string, body: object) => request(t.app).post('/api/v1/attachments').set('X-Forwarded-For', ip).send(body);
  const attachmentRows = async (): Promise<number> => rowCounts(t.config).attachments ?? 0;

  it('needs a proof of work, each spent once, and stores nothing without one', async () => {
    const before = rowCounts(t.config);
    const bare = await announce('192.0.2.1', { size: SIZE, parts: 1 }).expect(400);
    expect(bare.body.error).toMatchObject({ id: 'validation_failed', details: { field: 'pow' } });
    expect((await announce('192.0.2.1', { size: SIZE, parts: 1, pow: { challenge: 'x'.repeat(20), nonce: '1' } }).expect(400)).body.error).toMatchObject({ id: 'pow_invalid', details: { reason: 'malformed' } });
    const pow = await solvedPow(t.app);
    // A challenge the server did not make (one character changed): its MAC fails.
    const forged = { ...pow, challenge: (pow.challenge[0] === 'A' ? 'B' : 'A') + pow.challenge.slice(1) };
    expect((await announce('192.0.2.1', { size: SIZE, parts: 1, pow: forged }).expect(400)).body.error).toMatchObject({ id: 'pow_invalid', details: { reason: 'malformed' } });
    expect(rowCounts(t.config)).toEqual(before);
    await announce('192.0.2.1', { size: SIZE, parts: 1, pow }).expect(201);
    // The same solution again: already spent (the marker a report would also find).
    expect((await announce('192.0.2.1', { size: SIZE, parts: 1, pow }).expect(400)).body.error).toMatchObject({ id: 'pow_invalid', details: { reason: 'used' } });
    expect(await attachmentRows()).toBe((before.attachments ?? 0) + 1);
  });

  it('counts announced bytes against an hourly budget per address and one for everyone, refusing with 429 and storing nothing', async () => {
    const fresh = await createTestApp({
      env: { TRUST_PROXY: '1', PUBLIC_URL: 'https://amana.commune.example' },
      rateLimits: { uploadBytes: { max: 3 * SIZE + MIB / 2, windowMs: 3_600_000 }, uploadBytesGlobal: { max: 5 * SIZE + MIB / 2, windowMs: 3_600_000 } },
    });
    try {
      const go = async (ip: string) => request(fresh.app).post('/api/v1/attachments').set('X-Forwarded-For', ip).send({ size: SIZE, parts: 1, pow: await solvedPow(fresh.app) });
      for (let i = 0; i < 3; i += 1) expect((await go('198.51.100.1')).status).toBe(201);
      const before = rowCounts(fresh.config);
      const over = await go('198.51.100.1');
      expect({ status: over.status, id: over.body.error?.id }).toEqual({ status: 429, id: 'rate_limited' });
      expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(3600);
      expect(rowCounts(fresh.config)).toEqual(before);
      // Another address has its own budget, until everyone's is spent.
      expect((await go('198.51.100.2')).status).toBe(201);
      expect((await go('198.51.100.3')).status).toBe(201);
      const global = await go('198.51.100.4');
      expect({ status: global.status, id: global.body.error?.id }).toEqual({ status: 429, id: 'rate_limited' });
      // A new hour, a new budget.
      fresh.clock.advance(3_600_001);
      expect((await go('198.51.100.1')).status).toBe(201);
    } finally {
      await fresh.close();
    }
  });

  it('gives the bytes back when the proof of work turns out to be spent', async () => {
    const fresh = await createTestApp({
      env: { TRUST_PROXY: '1', PUBLIC_URL: 'https://amana.commune.example' },
      rateLimits: { uploadBytes: { max: SIZE, windowMs: 3_600_000 } },
    });
    try {
      const pow = await solvedPow(fresh.app);
      await request(fresh.app).post('/api/v1/attachments').set('X-Forwarded-For', '198.51.100.9').send({ size: SIZE, parts: 1, pow }).expect(201);
      // The budget is now spent: a replay is refused as over budget, before its proof is looked at.
      expect((await request(fresh.app).post('/api/v1/attachments').set('X-Forwarded-For', '198.51.100.9').send({ size: SIZE, parts: 1, pow })).status).toBe(429);
      // From another address, the replay reserves the bytes, fails to spend the proof and gives them back.
      const replay = await request(fresh.app).post('/api/v1/attachments').set('X-Forwarded-For', '198.51.100.10').send({ size: SIZE, parts: 1, pow });
      expect(replay.body.error).toMatchObject({ id: 'pow_invalid', details: { reason: 'used' } });
      expect((await request(fresh.app).post('/api/v1/attachments').set('X-Forwarded-For', '198.51.100.10').send({ size: SIZE, parts: 1, pow: await solvedPow(fresh.app) })).status).toBe(201);
    } finally {
      await fresh.close();
    }
  });
});

describe('a slow part that finishes after the report was filed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDefaults(t);
  });
  afterAll(() => t.close());

  it('is refused and cannot change the filed file', async () => {
    const officer = await givenKeyedStaff(t.store, { channelId: 'ch-corruption' });
    const id = (await request(t.app).post('/api/v1/attachments').send({ size: CHUNK, parts: 1, pow: await solvedPow(t.app) }).expect(201)).body.id as string;
    const server = t.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      // The slow PUT: headers and half its body now, the rest after the report is filed.
      let answer: Promise<number> = Promise.resolve(0);
      const slow = http.request({ host: '127.0.0.1', port, path: `/api/v1/attachments/${id}/parts/0`, method: 'PUT', headers: { 'content-type': 'application/octet-stream', 'content-length': String(CHUNK) } });
      answer = new Promise((resolve, reject) => {
        slow.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        slow.on('error', reject);
      });
      await new Promise<void>((resolve) => slow.write(Buffer.alloc(CHUNK - 500, 0xbb), () => resolve()));
      // The same part sent again completes the upload; the report claims it.
      await request(t.app).put(`/api/v1/attachments/${id}/parts/0`).set('Content-Type', 'application/octet-stream').send(Buffer.alloc(CHUNK, 0xaa)).expect(200);
      const { body } = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [officer], attachmentIds: [id] });
      await submit(t.app, body, 201);
      slow.end(Buffer.alloc(500, 0xbb));
      expect(await answer).toBe(409);
      expect((await readBlob(t, `${id}/0`)).equals(Buffer.alloc(CHUNK, 0xaa))).toBe(true);
      expect(walk(t.config.paths.blobs).filter((f) => path.basename(f).startsWith('.tmp'))).toEqual([]);
    } finally {
      server.close();
    }
  });
});

async function readBlob(t: TestApp, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await t.blobs.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A request supertest cannot make: a chunked body, with no Content-Length. */
async function rawPut(t: TestApp, url: string, headers: Record<string, string>): Promise<{ status: number; id: string }> {
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: url, method: 'PUT', headers }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, id: (JSON.parse(text) as { error: { id: string } }).error.id }));
      });
      req.on('error', reject);
      req.write(Buffer.alloc(100, 1));
      req.end();
    });
  } finally {
    server.close();
  }
}

/** Announces `length` bytes, sends `sent` of them, then drops the connection. */
async function abortedPut(t: TestApp, url: string, length: number, sent: number): Promise<void> {
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  try {
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, path: url, method: 'PUT', headers: { 'content-type': 'application/octet-stream', 'content-length': String(length) } });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(sent, 1), () => setTimeout(() => { req.destroy(); resolve(); }, 50));
    });
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    server.close();
  }
}
