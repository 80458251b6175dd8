import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DiskBlobStore } from '../../server/adapters/disk/disk.blob';
import { describeBlobContract } from './blob.contract';

/** Every file under the folder, temporary upload files included. */
function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    n += entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1;
  }
  return n;
}

describeBlobContract('disk', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amana-blobs-'));
  const root = path.join(dir, 'blobs');
  return {
    blobs: new DiskBlobStore(root),
    storedObjects: async () => countFiles(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('DiskBlobStore on disk', () => {
  it('sweeps upload temporaries a killed process left behind, and only old ones', async () => {
    const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'amana-sweep-')), 'blobs');
    const blobs = new DiskBlobStore(root);
    await blobs.put('att/0', Readable.from([Buffer.from('kept')]), 100);
    mkdirSync(path.join(root, 'att2'), { recursive: true });
    const stale = path.join(root, 'att2', '.tmp-0123456789abcdef01234567');
    const fresh = path.join(root, 'att', '.tmp-fedcba9876543210fedcba98');
    writeFileSync(stale, 'half a part');
    writeFileSync(fresh, 'an upload in progress');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(stale, hourAgo, hourAgo);
    expect(await blobs.sweepTemporaries(new Date(Date.now() - 60_000))).toBe(1);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(await blobs.has('att/0')).toBe(true);
  });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'amana-blobs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps blobs inside its root, owner-only', async () => {
    const root = path.join(dir, 'root');
    const blobs = new DiskBlobStore(root);
    await blobs.put('att/3', Readable.from([Buffer.from('ciphertext')]), 100);
    const file = path.join(root, 'att', '3.blob');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(root).mode & 0o777).toBe(0o700);
    // Nothing was written next to the root.
    expect(readdirSync(dir)).toEqual(['root']);
  });
});
