/**
 * PNG metadata removal: text chunks (author, comments, software), EXIF and the
 * modification time go; every other chunk is copied untouched, so no CRC changes.
 * Bytes after IEND are dropped.
 */
import { concat } from './jpeg';
import { addKind, type RemovedKind, type StripResult } from './types';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const DROPPED: Partial<Record<string, RemovedKind>> = {
  tEXt: 'comment',
  zTXt: 'comment',
  iTXt: 'comment',
  eXIf: 'exif',
  tIME: 'timestamp',
};

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((byte, i) => bytes[i] === byte);
}

export function stripPng(bytes: Uint8Array): StripResult {
  const removed: RemovedKind[] = [];
  const keep: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = ((bytes[pos]! << 24) >>> 0) + (bytes[pos + 1]! << 16) + (bytes[pos + 2]! << 8) + bytes[pos + 3]!;
    const end = pos + 12 + length;
    if (end > bytes.length) break;
    const type = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!, bytes[pos + 6]!, bytes[pos + 7]!);
    const kind = DROPPED[type];
    if (kind) addKind(removed, kind);
    else keep.push(bytes.subarray(pos, end));
    pos = end;
    if (type === 'IEND') {
      return { format: 'png', bytes: concat(keep), removed, incomplete: false };
    }
  }
  return { format: 'png', bytes, removed: [], incomplete: true };
}
