/**
 * JPEG metadata removal. Segments before and between scans are copied except APPn and COM;
 * APP0 JFIF and APP14 Adobe stay because decoders read them (colour transform, density).
 * Bytes after EOI are dropped: cameras append previews there that carry their own EXIF.
 * Removing EXIF also removes the orientation tag, so a photo may display rotated.
 */
import { addKind, startsWithAscii, type RemovedKind, type StripResult } from './types';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP14 = 0xee;

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === SOI && bytes[2] === 0xff;
}

/** What a segment is, given its marker and the offset of its payload; null to keep it. */
export function classifyJpegSegment(bytes: Uint8Array, marker: number, payload: number): RemovedKind | null {
  if (marker === COM) return 'comment';
  if (marker < APP0 || marker > 0xef) return null;
  if (marker === APP0 && startsWithAscii(bytes, payload, 'JFIF\0')) return null;
  if (marker === APP14 && startsWithAscii(bytes, payload, 'Adobe')) return null;
  if (marker === 0xe1 && startsWithAscii(bytes, payload, 'Exif\0')) return 'exif';
  if (marker === 0xe1 && startsWithAscii(bytes, payload, 'http://ns.adobe.com/')) return 'xmp';
  if (marker === 0xed) return 'iptc';
  return 'other';
}

function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/** Index just past the entropy-coded data that starts at `pos` (at the next real marker). */
function skipEntropyData(bytes: Uint8Array, pos: number): number {
  let i = pos;
  while (i < bytes.length - 1) {
    if (bytes[i] === 0xff) {
      const next = bytes[i + 1]!;
      // 0xFF00 is an escaped 0xFF byte, RSTn sit inside the scan, 0xFFFF is fill.
      if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return i;
    }
    i++;
  }
  return bytes.length;
}

export function stripJpeg(bytes: Uint8Array): StripResult {
  const removed: RemovedKind[] = [];
  const keep: Uint8Array[] = [bytes.subarray(0, 2)];
  let pos = 2;
  let ended = false;
  let scanned = false;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) break;
    while (pos < bytes.length && bytes[pos] === 0xff) pos++;
    const marker = bytes[pos];
    if (marker === undefined) break;
    const start = pos - 1;
    pos++;
    if (marker === EOI) {
      keep.push(new Uint8Array([0xff, EOI]));
      ended = true;
      break;
    }
    if (isStandalone(marker)) {
      keep.push(new Uint8Array([0xff, marker]));
      continue;
    }
    if (pos + 2 > bytes.length) break;
    const length = (bytes[pos]! << 8) | bytes[pos + 1]!;
    const end = pos + length;
    if (length < 2 || end > bytes.length) break;
    const kind = classifyJpegSegment(bytes, marker, pos + 2);
    if (kind) addKind(removed, kind);
    else keep.push(bytes.subarray(start, end));
    pos = end;
    if (marker === SOS) {
      scanned = true;
      const dataEnd = skipEntropyData(bytes, pos);
      keep.push(bytes.subarray(pos, dataEnd));
      pos = dataEnd;
    }
  }
  // A file cut short after its image data (a partial download) is still cleaned; a broken
  // header is not, because the unparsed rest could hold anything.
  if (!ended && !(scanned && pos >= bytes.length)) return { format: 'jpeg', bytes, removed: [], incomplete: true };
  return { format: 'jpeg', bytes: concat(keep), removed, incomplete: false };
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
