/**
 * Photos embedded in a PDF (scans, phone captures) keep their camera's EXIF, GPS included.
 * A PDF cannot shrink without rewriting its offsets, so each metadata segment of an
 * embedded JPEG becomes a comment segment (marker 0xFFFE) of the same length, filled with
 * spaces: decoders skip comments, and the image is unchanged.
 */
import { classifyJpegSegment, isJpeg } from './jpeg';
import { addKind, type RemovedKind } from './types';

const SOS = 0xda;
const EOI = 0xd9;

function streamDataStart(text: string, from: number): number {
  const keyword = text.indexOf('stream', from);
  if (keyword < 0) return -1;
  let i = keyword + 'stream'.length;
  if (text[i] === '\r') i++;
  if (text[i] === '\n') i++;
  return i;
}

/** Blanks metadata segments of the JPEG starting at `start`, up to its first scan. */
function blankJpegAt(bytes: Uint8Array, start: number, removed: RemovedKind[]): void {
  let pos = start + 2;
  while (pos + 4 <= bytes.length && bytes[pos] === 0xff) {
    const marker = bytes[pos + 1]!;
    if (marker === SOS || marker === EOI) return;
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    if (length < 2 || pos + 2 + length > bytes.length) return;
    const kind = classifyJpegSegment(bytes, marker, pos + 4);
    if (kind) {
      addKind(removed, kind);
      bytes[pos + 1] = 0xfe;
      bytes.fill(0x20, pos + 4, pos + 2 + length);
    }
    pos += 2 + length;
  }
}

export function blankEmbeddedJpegs(bytes: Uint8Array, text: string): { removed: RemovedKind[]; incomplete: boolean } {
  const removed: RemovedKind[] = [];
  let incomplete = false;
  for (const m of text.matchAll(/\/DCTDecode\b/g)) {
    const start = streamDataStart(text, m.index);
    if (start < 0) continue;
    // A JPEG also passed through another filter (e.g. Flate) is not readable in place.
    if (!isJpeg(bytes.subarray(start, start + 3))) {
      incomplete = true;
      continue;
    }
    blankJpegAt(bytes, start, removed);
  }
  return { removed, incomplete };
}
