/**
 * The manifest of a backup folder, shared by `npm run backup` and `npm run restore`. It is
 * written last: a folder without a valid manifest, or whose files do not match it, is an
 * incomplete backup and restore refuses it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

export const MANIFEST = 'manifest.json';
export const FORMAT = 'amana-backup-1';
/** Inside the backup folder; the README there says to keep this folder somewhere else. */
export const SECRETS_DIR = 'SECRETS-keep-apart';
export const SECRETS_FILE = 'secrets.json';
export const DATABASE_FILE = 'amana.sqlite';
export const BLOBS_DIR = 'blobs';
export const MAIL_DIR = 'outbox';

const fileEntry = z.object({
  path: z.string().min(1).refine((p) => !p.split('/').includes('..') && !path.isAbsolute(p), 'a relative path inside the backup'),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileEntry = z.infer<typeof fileEntry>;

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  createdAt: z.string().datetime(),
  store: z.literal('sqlite'),
  schemaVersion: z.number().int().positive(),
  /** 'file': SECRETS-keep-apart/secrets.json is part of the backup; 'environment': the secrets came from SERVER_PEPPER & co. */
  secrets: z.enum(['file', 'environment']),
  files: z.array(fileEntry),
});
export type Manifest = z.infer<typeof manifestSchema>;

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export async function describeFile(root: string, relative: string): Promise<FileEntry> {
  const full = path.join(root, ...relative.split('/'));
  return { path: relative, bytes: (await stat(full)).size, sha256: await sha256Of(full) };
}

/** Every regular file under `dir`, as paths relative to `root` with forward slashes. */
export async function listFiles(root: string, dir: string, keep: (name: string) => boolean = () => true): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true }).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && keep(entry.name)) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  await walk(dir);
  return out;
}

export type ManifestCheck = { ok: true; manifest: Manifest } | { ok: false; reason: string };

/** Reads the manifest and checks every file it lists (size and SHA-256). */
export async function checkBackup(dir: string, options: { secretsDir?: string } = {}): Promise<ManifestCheck> {
  if (path.basename(dir).endsWith('.partial')) return { ok: false, reason: `${dir} is a backup that never finished (".partial")` };
  let raw: string;
  try {
    raw = await readFile(path.join(dir, MANIFEST), 'utf8');
  } catch {
    return { ok: false, reason: `${dir} has no ${MANIFEST}: the backup is incomplete or this is not a backup folder` };
  }
  let parsed: Manifest;
  try {
    const result = manifestSchema.safeParse(JSON.parse(raw));
    if (!result.success) return { ok: false, reason: `${MANIFEST} is not a valid Amana backup manifest (${result.error.issues[0]?.path.join('.') ?? ''})` };
    parsed = result.data;
  } catch {
    return { ok: false, reason: `${MANIFEST} is damaged (not JSON)` };
  }
  if (!parsed.files.some((f) => f.path === DATABASE_FILE)) return { ok: false, reason: `the manifest lists no ${DATABASE_FILE}` };
  for (const entry of parsed.files) {
    const full = locate(dir, entry.path, options.secretsDir);
    const actual = await stat(full).catch(() => null);
    if (!actual?.isFile()) return { ok: false, reason: `${entry.path} is missing${entry.path.startsWith(`${SECRETS_DIR}/`) ? ' (give the folder you stored apart with --secrets)' : ''}` };
    if (actual.size !== entry.bytes) return { ok: false, reason: `${entry.path} has ${actual.size} bytes, the manifest says ${entry.bytes}` };
    if ((await sha256Of(full)) !== entry.sha256) return { ok: false, reason: `${entry.path} does not match its SHA-256 in the manifest` };
  }
  return { ok: true, manifest: parsed };
}

/** Where a manifest entry is on disk: secrets may come from the folder the operator kept apart. */
export function locate(dir: string, relative: string, secretsDir?: string): string {
  const parts = relative.split('/');
  if (parts[0] === SECRETS_DIR && secretsDir !== undefined) return path.join(secretsDir, ...parts.slice(1));
  return path.join(dir, ...parts);
}

/** fsync of a file or folder, so what was written survives a power cut before the next step. */
export async function syncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
