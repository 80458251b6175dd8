/**
 * The ZIP writer against known CRC-32 values, a small reader written from the format
 * specification, and, where the machine has it, Info-ZIP's own `unzip -t`.
 */
import { crc32, dosDateTime, safeEntryName, zipParts, type ZipEntry } from './zip-writer';

// The client is type-checked without Node's types; jest runs this file under Node, so it
// states the little of Node it uses.
declare function require(id: string): unknown;
type ExecOptions = { encoding?: 'utf8'; stdio?: 'ignore' | 'pipe' };
const { execFileSync } = require('node:child_process') as { execFileSync(file: string, args: string[], options?: ExecOptions): string & Uint8Array };
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs') as {
  mkdtempSync(prefix: string): string;
  rmSync(path: string, options: { recursive: boolean; force: boolean }): void;
  writeFileSync(path: string, data: Uint8Array): void;
};
const { tmpdir } = require('node:os') as { tmpdir(): string };

const text = (s: string) => new TextEncoder().encode(s);
const joined = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

interface ReadEntry {
  name: string;
  data: Uint8Array;
  crc: number;
}

/** Reads the central directory from the end record, then each file through its local header. */
function readZip(bytes: Uint8Array): ReadEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  expect(at + view.getUint32(end + 12, true)).toBe(end);
  const out: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    expect(view.getUint16(local + 8, true)).toBe(0);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out.push({ name, data: bytes.subarray(start, start + size), crc });
    at += 46 + nameLength;
  }
  return out;
}

function hasUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const sample = (): ZipEntry[] => [
  { name: 'report.txt', data: [text('What happened: a bribe'), text(' of 5000 MAD.\n')] },
  { name: 'messages/2026-01-01 رسالة.txt', data: [text('مرحبا — bonjour')] },
  { name: 'attachments/empty.bin', data: [] },
  { name: 'attachments/binary.bin', data: [Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) & 0xff)] },
];

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(text('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
    expect(crc32(Uint8Array.of(0))).toBe(0xd202ef8d);
  });

  it('continues over pieces as over the whole', () => {
    expect(crc32(text('456789'), crc32(text('123')))).toBe(0xcbf43926);
  });
});

describe('zip writer', () => {
  it('writes an archive whose directory, headers and checksums read back', () => {
    const bytes = joined(zipParts(sample(), new Date(2026, 0, 2, 3, 4, 6)));
    const entries = readZip(bytes);
    expect(entries.map((e) => e.name)).toEqual(['report.txt', 'messages/2026-01-01 رسالة.txt', 'attachments/empty.bin', 'attachments/binary.bin']);
    expect(new TextDecoder().decode(entries[0]!.data)).toBe('What happened: a bribe of 5000 MAD.\n');
    expect(entries[3]!.data.length).toBe(70_000);
    for (const e of entries) expect(e.crc).toBe(crc32(e.data));
  });

  it('is accepted by unzip -t and extracts the same bytes', () => {
    if (!hasUnzip()) {
      // The reader above already checked the structure; unzip is an extra, independent check.
      return;
    }
    const dir = mkdtempSync(`${tmpdir()}/amana-zip-`);
    try {
      const file = `${dir}/case.zip`;
      writeFileSync(file, joined(zipParts(sample())));
      const tested = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(tested).toContain('No errors detected');
      expect(execFileSync('unzip', ['-p', file, 'report.txt'], { encoding: 'utf8' })).toBe('What happened: a bribe of 5000 MAD.\n');
      const binary = new Uint8Array(execFileSync('unzip', ['-p', file, 'attachments/binary.bin']));
      expect(binary).toEqual(sample()[3]!.data[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is refused by unzip -t when a stored byte changes', () => {
    if (!hasUnzip()) return;
    const dir = mkdtempSync(`${tmpdir()}/amana-zip-`);
    try {
      const bytes = joined(zipParts(sample()));
      bytes[40] ^= 0xff; // inside report.txt's data, after its 30 + 10 byte header
      const file = `${dir}/bad.zip`;
      writeFileSync(file, bytes);
      expect(() => execFileSync('unzip', ['-t', file], { stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps names inside the archive folder and refuses duplicates', () => {
    expect(safeEntryName('../../etc/passwd')).toBe('etc/passwd');
    expect(safeEntryName('C:\\temp\\a?.txt')).toBe('C_/temp/a_.txt');
    expect(safeEntryName('')).toBe('file');
    expect(() => zipParts([{ name: 'a.txt', data: [] }, { name: './a.txt', data: [] }])).toThrow(RangeError);
  });

  it('encodes MS-DOS dates', () => {
    expect(dosDateTime(new Date(2026, 0, 2, 3, 4, 6))).toEqual({ time: (3 << 11) | (4 << 5) | 3, date: (46 << 9) | (1 << 5) | 2 });
  });
});
