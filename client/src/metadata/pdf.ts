/**
 * PDF metadata removal without rewriting the file: every change overwrites bytes with
 * spaces (or, in embedded JPEGs, turns a segment into a comment of the same length), so
 * the cross-reference offsets stay valid and no PDF library is needed.
 * Cleared: the document information dictionary (every string in it: Author, Creator,
 * Producer, Title, Subject, Keywords, dates, custom keys), uncompressed XMP packets, and
 * EXIF/XMP/IPTC inside embedded JPEG images. Metadata inside compressed object streams
 * cannot be reached this way; the result then says `incomplete`.
 */
import { blankEmbeddedJpegs } from './pdf-images';
import { addKind, type RemovedKind, type StripResult } from './types';

const SPACE = 0x20;

export function isPdf(bytes: Uint8Array): boolean {
  // The header may follow a little junk; readers accept it within the first 1 KiB.
  return latin1(bytes.subarray(0, 1024)).includes('%PDF-');
}

export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function blank(bytes: Uint8Array, from: number, to: number): boolean {
  let hadContent = false;
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b !== SPACE && b !== 0x0a && b !== 0x0d && b !== 0x09) hadContent = true;
    bytes[i] = SPACE;
  }
  return hadContent;
}

/** Offsets just past `n g obj` for every definition of that object (incremental updates repeat them). */
function findObjects(text: string, n: string, g: string): number[] {
  const re = new RegExp(`(?:^|[^0-9])${n}\\s+${g}\\s+obj`, 'g');
  return [...text.matchAll(re)].map((m) => m.index + m[0].length);
}

/** End (exclusive) of the literal string whose '(' is at `open`, honouring escapes and nesting. */
function literalEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Blanks the string value at `at` (after whitespace); returns whether it held anything. */
function blankStringAt(bytes: Uint8Array, text: string, at: number): boolean {
  let i = at;
  while (/\s/.test(text[i] ?? '')) i++;
  if (text[i] === '(') return blank(bytes, i + 1, literalEnd(text, i) - 1);
  if (text[i] === '<' && text[i + 1] !== '<') {
    const close = text.indexOf('>', i);
    return close > 0 ? blank(bytes, i + 1, close) : false;
  }
  return false;
}

interface Outcome {
  changed: boolean;
  unreachable: boolean;
}

/** Blanks every string in the dictionary opening at `start` ('<<'), following indirect values. */
function blankDictionary(bytes: Uint8Array, text: string, start: number): Outcome {
  const outcome: Outcome = { changed: false, unreachable: false };
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '<' && text[i + 1] === '<') {
      depth++;
      i += 2;
    } else if (c === '>' && text[i + 1] === '>') {
      i += 2;
      if (--depth === 0) break;
    } else if (c === '(' || c === '<') {
      const end = c === '(' ? literalEnd(text, i) : text.indexOf('>', i) + 1;
      if (end <= i) break;
      outcome.changed = blankStringAt(bytes, text, i) || outcome.changed;
      i = end;
    } else if (c === '/') {
      // A key followed by an indirect reference: the string lives in another object.
      const ref = /^\/[^\s/<>()[\]{}%]+\s*(\d+)\s+(\d+)\s+R/.exec(text.slice(i, i + 160));
      if (ref) {
        const objects = findObjects(text, ref[1]!, ref[2]!);
        if (objects.length === 0) outcome.unreachable = true;
        for (const at of objects) outcome.changed = blankStringAt(bytes, text, at) || outcome.changed;
        i += ref[0].length;
      } else i++;
    } else i++;
  }
  return outcome;
}

function infoDictionaryStarts(text: string): { starts: number[]; unreachable: boolean } {
  const starts: number[] = [];
  let unreachable = false;
  for (const m of text.matchAll(/\/Info\s*(\d+)\s+(\d+)\s+R/g)) {
    const objects = findObjects(text, m[1]!, m[2]!);
    if (objects.length === 0) unreachable = true;
    for (const at of objects) {
      const open = text.indexOf('<<', at);
      if (open >= 0 && text.slice(at, open).trim() === '') starts.push(open);
    }
  }
  for (const m of text.matchAll(/\/Info\s*<</g)) starts.push(m.index + m[0].length - 2);
  return { starts, unreachable };
}

/** Overwrites XMP packets; returns whether a compressed metadata stream was left alone. */
function blankXmp(bytes: Uint8Array, text: string, removed: RemovedKind[]): boolean {
  for (const m of text.matchAll(/<\?xpacket begin/g)) {
    const endTag = text.indexOf('<?xpacket end', m.index);
    const close = endTag >= 0 ? text.indexOf('?>', endTag) : -1;
    if (close >= 0 && blank(bytes, m.index, close + 2)) addKind(removed, 'xmp');
  }
  for (const m of text.matchAll(/<x:xmpmeta/g)) {
    const close = text.indexOf('</x:xmpmeta>', m.index);
    if (close >= 0 && blank(bytes, m.index, close + '</x:xmpmeta>'.length)) addKind(removed, 'xmp');
  }
  let compressed = false;
  for (const m of text.matchAll(/\/Type\s*\/Metadata\b/g)) {
    const objStart = text.lastIndexOf('obj', m.index);
    const streamAt = text.indexOf('stream', m.index);
    if (objStart < 0 || streamAt < 0) continue;
    if (/\/Filter\b/.test(text.slice(objStart, streamAt))) compressed = true;
  }
  return compressed;
}

export function stripPdf(input: Uint8Array): StripResult {
  const bytes = input.slice();
  const text = latin1(bytes);
  const removed: RemovedKind[] = [];
  const info = infoDictionaryStarts(text);
  let incomplete = info.unreachable;
  for (const start of info.starts) {
    const outcome = blankDictionary(bytes, text, start);
    if (outcome.changed) addKind(removed, 'document_info');
    if (outcome.unreachable) incomplete = true;
  }
  if (blankXmp(bytes, text, removed)) incomplete = true;
  const images = blankEmbeddedJpegs(bytes, text);
  for (const kind of images.removed) addKind(removed, kind);
  if (images.incomplete) incomplete = true;
  return { format: 'pdf', bytes, removed, incomplete };
}
