/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3): STORE method only, no compression, no ZIP64.
 * Case exports are assembled in the officer's browser from decrypted data, and the project
 * installs no archive library, so this writes the three structures every unzip reads:
 * a local header before each file's bytes, the central directory, and its end record.
 * Names are UTF-8 (general purpose flag bit 11), so Arabic file names survive.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC, the one ZIP uses); pass the previous value to continue over several pieces. */
export function crc32(data: Uint8Array, previous = 0): number {
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  /** path inside the archive, with forward slashes */
  name: string;
  /** the file's bytes, in as many pieces as they arrived (decrypted chunks need not be joined) */
  data: Uint8Array<ArrayBuffer>[];
  modified?: Date;
}

// Without ZIP64 every size and offset must fit in 32 bits, and the entry count in 16.
const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;
const UTF8_FLAG = 0x0800;
const VERSION = 20;
const encoder = new TextEncoder();

/** MS-DOS date and time, local time, two-second resolution, years 1980 to 2107. */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** A name that cannot climb out of the folder it is extracted into. */
export function safeEntryName(name: string): string {
  const parts = name
    .replace(/\\/g, '/')
    .split('/')
    .map((part) => part.replace(/[\u0000-\u001f\u007f:*?"<>|]/g, '_').trim())
    .filter((part) => part !== '' && part !== '.' && part !== '..');
  return parts.length === 0 ? 'file' : parts.join('/');
}

interface Written {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
  time: number;
  date: number;
}

function localHeader(entry: Written): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(30 + entry.name.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, VERSION, true);
  view.setUint16(6, UTF8_FLAG, true);
  view.setUint16(8, 0, true); // STORE
  view.setUint16(10, entry.time, true);
  view.setUint16(12, entry.date, true);
  view.setUint32(14, entry.crc, true);
  view.setUint32(18, entry.size, true); // compressed size = size: stored
  view.setUint32(22, entry.size, true);
  view.setUint16(26, entry.name.length, true);
  view.setUint16(28, 0, true);
  out.set(entry.name, 30);
  return out;
}

function centralHeader(entry: Written): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(46 + entry.name.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x02014b50, true);
  view.setUint16(4, VERSION, true); // made by: MS-DOS attributes
  view.setUint16(6, VERSION, true);
  view.setUint16(8, UTF8_FLAG, true);
  view.setUint16(10, 0, true);
  view.setUint16(12, entry.time, true);
  view.setUint16(14, entry.date, true);
  view.setUint32(16, entry.crc, true);
  view.setUint32(20, entry.size, true);
  view.setUint32(24, entry.size, true);
  view.setUint16(28, entry.name.length, true);
  // extra length, comment length, disk number, internal and external attributes: all zero
  view.setUint32(42, entry.offset, true);
  out.set(entry.name, 46);
  return out;
}

function endRecord(count: number, size: number, offset: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(22);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, count, true);
  view.setUint16(10, count, true);
  view.setUint32(12, size, true);
  view.setUint32(16, offset, true);
  return out;
}

/** The archive's bytes in order, as pieces to hand to a Blob without copying the file data. */
export function zipParts(entries: ZipEntry[], now: Date = new Date()): Uint8Array<ArrayBuffer>[] {
  if (entries.length > MAX_ENTRIES) throw new RangeError('too many files for a ZIP without ZIP64');
  const names = new Set<string>();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = safeEntryName(entry.name);
    if (names.has(name)) throw new RangeError(`two files named ${name}`);
    names.add(name);
    let crc = 0;
    let size = 0;
    for (const piece of entry.data) {
      crc = crc32(piece, crc);
      size += piece.length;
    }
    const stamp = dosDateTime(entry.modified ?? now);
    const record: Written = { name: encoder.encode(name), crc, size, offset, ...stamp };
    const header = localHeader(record);
    if (size > MAX_32 || offset + header.length + size > MAX_32) throw new RangeError('archive larger than 4 GiB');
    parts.push(header, ...entry.data);
    offset += header.length + size;
    written.push(record);
  }
  const central = written.map(centralHeader);
  const centralSize = central.reduce((sum, h) => sum + h.length, 0);
  return [...parts, ...central, endRecord(written.length, centralSize, offset)];
}

export function buildZip(entries: ZipEntry[], now?: Date): Blob {
  return new Blob(zipParts(entries, now), { type: 'application/zip' });
}
