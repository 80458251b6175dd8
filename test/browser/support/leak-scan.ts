/**
 * Byte search for secrets in everything the server left behind: every file under DATA_DIR
 * (the SQLite file with its WAL and shared memory, blobs, the mail outbox, secrets.json)
 * and the process's own output. Needles are searched as bytes, in each encoding a careless
 * write could have used, so a leak in a BLOB column, a UTF-16 text or a base64 log field
 * is found as surely as one in plain text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Needle {
  label: string;
  bytes: Buffer;
}

export interface Haystack {
  label: string;
  bytes: Buffer;
}

/** A text as UTF-8 and as UTF-16LE (SQLite may store text in either). */
export function textNeedles(label: string, text: string): Needle[] {
  return [
    { label: `${label} (utf-8)`, bytes: Buffer.from(text, 'utf8') },
    { label: `${label} (utf-16le)`, bytes: Buffer.from(text, 'utf16le') },
  ];
}

/**
 * Key material as raw bytes and in every printable form. Base64 is searched without its
 * padding so both padded and unpadded writes match; hex in both cases.
 */
export function secretNeedles(label: string, secret: Uint8Array): Needle[] {
  const raw = Buffer.from(secret);
  const forms: [string, string][] = [
    ['base64', raw.toString('base64').replace(/=+$/, '')],
    ['base64url', raw.toString('base64url')],
    ['hex', raw.toString('hex')],
    ['HEX', raw.toString('hex').toUpperCase()],
  ];
  return [{ label: `${label} (raw)`, bytes: raw }, ...forms.flatMap(([form, text]) => textNeedles(`${label} (${form})`, text))];
}

/** Every file under `dir`, at any depth, whatever its name (dot files and temporaries too), labelled from `dir`'s parent. */
export function filesUnder(dir: string, root = path.dirname(dir)): Haystack[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, root);
    if (!entry.isFile()) return [];
    return [{ label: path.relative(root, full), bytes: readFileSync(full) }];
  });
}

/** "<needle> in <haystack>" for every needle found; empty when nothing leaked. */
export function findLeaks(haystacks: Haystack[], needles: Needle[]): string[] {
  const found: string[] = [];
  for (const needle of needles) {
    if (needle.bytes.length < 3) throw new Error(`needle "${needle.label}" is too short to mean anything`);
    for (const haystack of haystacks) {
      if (haystack.bytes.includes(needle.bytes)) found.push(`${needle.label} in ${haystack.label}`);
    }
  }
  return found;
}
