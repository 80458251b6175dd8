/**
 * One contract for every BlobStore adapter. Each adapter's test file supplies a fresh store
 * and a way to count what it physically holds, so "nothing left behind" is checked against
 * the storage itself, not against the adapter's own view of it.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { BlobExists, BlobNotFound, BlobSizeMismatch, BlobTooLarge, type BlobStore } from '../../server/ports/blob.port';
import { BlobKeyInvalid } from '../../server/adapters/blob-guards';

export interface BlobHarness {
  blobs: BlobStore;
  /** files, documents or chunks physically present, temporary ones included */
  storedObjects(): Promise<number>;
  cleanup(): Promise<void>;
}

const MiB = 1024 * 1024;

/** Deterministic pseudo-random bytes in uneven pieces, as a network upload would arrive. */
function* pieces(total: number, seed: number): Generator<Buffer> {
  let state = seed >>> 0;
  let left = total;
  while (left > 0) {
    const size = Math.min(left, 1000 + (state % 70_000));
    const buf = Buffer.alloc(size);
    for (let i = 0; i < size; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      buf[i] = state >>> 24;
    }
    left -= size;
    yield buf;
  }
}

const source = (total: number, seed = 1): Readable => Readable.from(pieces(total, seed));

function digestOf(total: number, seed = 1): string {
  const hash = createHash('sha256');
  for (const piece of pieces(total, seed)) hash.update(piece);
  return hash.digest('hex');
}

async function digestStream(stream: Readable): Promise<{ hex: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    bytes += buf.length;
    hash.update(buf);
  }
  return { hex: hash.digest('hex'), bytes };
}

/** A source that delivers some bytes and then fails, like a dropped connection. */
function failingSource(afterBytes: number): Readable {
  return Readable.from(
    (function* () {
      yield* pieces(afterBytes, 7);
      throw new Error('connection reset');
    })(),
  );
}

export const BAD_KEYS = ['', '../x', '../../etc/passwd', '/abs', 'a/../b', 'a/./b', 'a//b', 'a/', '/a', 'a.b', 'a\\b', 'a b', '%2e%2e', 'a/\u0000', 'é', 'x'.repeat(513)];

export function describeBlobContract(name: string, makeHarness: () => Promise<BlobHarness>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let h: BlobHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('round-trips a multi-megabyte stream byte for byte', async () => {
      const size = 6 * MiB + 123;
      await expect(h.blobs.put('att1/0', source(size), 8 * MiB)).resolves.toBe(size);
      expect(await h.blobs.has('att1/0')).toBe(true);
      const read = await digestStream(await h.blobs.get('att1/0'));
      expect(read).toEqual({ hex: digestOf(size), bytes: size });
    });

    it('accepts exactly maxBytes and stores an empty blob', async () => {
      await expect(h.blobs.put('exact/0', source(MiB), MiB)).resolves.toBe(MiB);
      await expect(h.blobs.put('empty/0', Readable.from([]), 10)).resolves.toBe(0);
      expect((await digestStream(await h.blobs.get('empty/0'))).bytes).toBe(0);
    });

    it('never replaces a blob: a second put rejects with BlobExists and leaves the first as it was', async () => {
      await h.blobs.put('rewrite/0', source(300_000, 1), MiB);
      const stored = await h.storedObjects();
      await expect(h.blobs.put('rewrite/0', source(200_000, 2), MiB)).rejects.toBeInstanceOf(BlobExists);
      expect(await digestStream(await h.blobs.get('rewrite/0'))).toEqual({ hex: digestOf(300_000, 1), bytes: 300_000 });
      expect(await h.storedObjects()).toBe(stored);
    });

    it('of concurrent puts of one key, exactly one wins and nobody deletes its blob', async () => {
      const stored = await h.storedObjects();
      const writers = [11, 12, 13, 14, 15];
      const results = await Promise.allSettled(writers.map((seed) => h.blobs.put('race/0', source(150_000 + seed, seed), MiB)));
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [writers[i] as number] : []));
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(BlobExists);
      const winner = won[0] as number;
      expect(await digestStream(await h.blobs.get('race/0'))).toEqual({ hex: digestOf(150_000 + winner, winner), bytes: 150_000 + winner });
      // The losers left nothing behind: the winner's objects only.
      const alone = await h.storedObjects();
      await h.blobs.deletePrefix('race');
      expect(await h.storedObjects()).toBe(stored);
      expect(alone).toBeGreaterThan(stored);
    });

    it('with exactBytes, refuses a source that brings fewer bytes and stores nothing', async () => {
      const before = await h.storedObjects();
      await expect(h.blobs.put('short/0', source(1000), 2000, { exactBytes: true })).rejects.toBeInstanceOf(BlobSizeMismatch);
      expect(await h.blobs.has('short/0')).toBe(false);
      expect(await h.storedObjects()).toBe(before);
      await expect(h.blobs.put('short/0', source(2000), 2000, { exactBytes: true })).resolves.toBe(2000);
    });

    it('stops an upload at maxBytes and leaves nothing behind', async () => {
      const before = await h.storedObjects();
      await expect(h.blobs.put('big/0', source(3 * MiB), 2 * MiB)).rejects.toBeInstanceOf(BlobTooLarge);
      expect(await h.blobs.has('big/0')).toBe(false);
      await expect(h.blobs.get('big/0')).rejects.toBeInstanceOf(BlobNotFound);
      expect(await h.storedObjects()).toBe(before);
    });

    it('leaves nothing behind when the source fails half way', async () => {
      const before = await h.storedObjects();
      await expect(h.blobs.put('broken/0', failingSource(MiB), 4 * MiB)).rejects.toThrow('connection reset');
      expect(await h.blobs.has('broken/0')).toBe(false);
      expect(await h.storedObjects()).toBe(before);
    });

    it('keeps the previous blob when a replacement is attempted and fails', async () => {
      await h.blobs.put('keep/0', source(100_000, 3), MiB);
      await expect(h.blobs.put('keep/0', source(2 * MiB, 4), MiB)).rejects.toThrow();
      expect(await digestStream(await h.blobs.get('keep/0'))).toEqual({ hex: digestOf(100_000, 3), bytes: 100_000 });
    });

    it('rejects a missing key with BlobNotFound', async () => {
      await expect(h.blobs.get('nope/0')).rejects.toBeInstanceOf(BlobNotFound);
      expect(await h.blobs.has('nope/0')).toBe(false);
    });

    it('deletes every blob under a prefix and nothing else', async () => {
      for (const key of ['a1/0', 'a1/1', 'a1/2', 'a10/0', 'b1/0']) await h.blobs.put(key, source(1000), MiB);
      await h.blobs.deletePrefix('a1');
      expect(await Promise.all(['a1/0', 'a1/1', 'a1/2'].map((k) => h.blobs.has(k)))).toEqual([false, false, false]);
      expect(await h.blobs.has('a10/0')).toBe(true);
      expect(await h.blobs.has('b1/0')).toBe(true);
      await expect(h.blobs.deletePrefix('never-written')).resolves.toBeUndefined();
    });

    it('rejects keys outside the strict pattern before touching storage', async () => {
      const before = await h.storedObjects();
      for (const key of BAD_KEYS) {
        await expect(h.blobs.put(key, source(10), MiB)).rejects.toBeInstanceOf(BlobKeyInvalid);
        await expect(h.blobs.get(key)).rejects.toBeInstanceOf(BlobKeyInvalid);
        await expect(h.blobs.has(key)).rejects.toBeInstanceOf(BlobKeyInvalid);
        await expect(h.blobs.deletePrefix(key)).rejects.toBeInstanceOf(BlobKeyInvalid);
      }
      expect(await h.storedObjects()).toBe(before);
    });

    it('sweeping temporaries, even with a cutoff in the future, removes no stored blob', async () => {
      await h.blobs.put('sweep/0', source(300_000, 3), MiB);
      await h.blobs.put('sweep/1', Readable.from([]), 10);
      const stored = await h.storedObjects();
      expect(await h.blobs.sweepTemporaries(new Date(Date.now() + 3600_000))).toBe(0);
      expect(await h.storedObjects()).toBe(stored);
      expect(await digestStream(await h.blobs.get('sweep/0'))).toEqual({ hex: digestOf(300_000, 3), bytes: 300_000 });
      expect(await h.blobs.has('sweep/1')).toBe(true);
    });

    it('answers ping', async () => {
      await expect(h.blobs.ping()).resolves.toBeUndefined();
    });
  });
}
