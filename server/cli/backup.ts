/**
 * `npm run backup -- DIR`: an online, consistent backup of the embedded installation while
 * the server runs. The SQLite file is copied through SQLite's backup API (a snapshot that
 * writers in other processes do not disturb); then the complete attachment blobs (never the
 * ".tmp-" files of uploads in progress: a blob is published by link() only once whole, so a
 * blob the snapshot names already exists when the folder is walked after it); the mail
 * outbox; the installation secrets into a separate folder that says to keep it apart.
 *
 * Everything goes into DIR.partial; the manifest (sizes, SHA-256, schema version) is written
 * last, then DIR.partial is renamed to DIR. An interrupted backup therefore leaves at most a
 * ".partial" folder without a valid manifest, which `npm run restore` refuses.
 *
 * With MongoDB (MONGODB_URI) the command does nothing and says to use mongodump.
 */
import { chmod, copyFile, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dataPaths, type Env } from '../../config';
import { CommandRefused, runCommand } from './cli-command';
import { openSqliteStore } from '../adapters/sqlite/sqlite.store';
import { silentLogger } from '../logger';
import { BACKUP_KEY } from '../services/admin/readiness';
import {
  DATABASE_FILE, FORMAT, MANIFEST, SECRETS_DIR, SECRETS_FILE, describeFile, listFiles, syncPath, type Manifest,
} from './backup-manifest';

export class BackupRefused extends CommandRefused {}

export interface BackupHooks {
  /** called after each step; a test throws here to interrupt the backup at that point */
  step?: (name: 'database' | 'blobs' | 'mail' | 'secrets' | 'manifest') => void | Promise<void>;
  log?: (line: string) => void;
}

export interface BackupResult {
  dir: string;
  manifest: Manifest;
}

export const MONGO_NOTE = [
  'This installation uses MongoDB (MONGODB_URI is set): `npm run backup` covers the embedded SQLite installation only.',
  'Back up MongoDB, GridFS attachments included, with mongodump, e.g.',
  '  mongodump --uri "$MONGODB_URI" --oplog --gzip --archive=amana-$(date +%F).archive.gz',
  'restore it with mongorestore --uri ... --oplogReplay --gzip --archive=..., and back up the three secrets',
  '(SERVER_PEPPER, SESSION_KEY, RECEIPT_SALT) separately from wherever your deployment keeps them:',
  'without SERVER_PEPPER and RECEIPT_SALT no receipt code opens its case again. See docs/DEPLOYMENT.md.',
].join('\n');

const SECRETS_README = [
  'KEEP THIS FOLDER APART FROM THE REST OF THE BACKUP.',
  '',
  'secrets.json holds the server pepper, the session key and the receipt salt of this Amana installation.',
  'Without it no receipt code opens its case again; with it and the database, someone can test receipt guesses.',
  'Store it separately (another medium, a safe, a password manager), never next to the database copy.',
  'To restore: npm run restore -- BACKUP_DIR --secrets PATH_OF_THIS_FOLDER (or leave it inside BACKUP_DIR).',
  '',
].join('\n');

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

async function copyInto(from: string, to: string): Promise<boolean> {
  await mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
  try {
    await copyFile(from, to);
    return true;
  } catch (err) {
    // Removed meanwhile (retention purge): its case is gone too.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

function schemaVersionOf(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the database copy failed SQLite's check: ${String(check)}`);
    return db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations').get()?.v ?? 0;
  } finally {
    db.close();
  }
}

export async function runBackup(env: Env, target: string, hooks: BackupHooks = {}): Promise<BackupResult> {
  const log = hooks.log ?? (() => undefined);
  const step = hooks.step ?? (() => undefined);
  if (env.MONGODB_URI !== undefined) throw new BackupRefused(MONGO_NOTE);
  const paths = dataPaths(env.DATA_DIR);
  if (!existsSync(paths.sqlite)) throw new BackupRefused(`no Amana installation in DATA_DIR=${paths.data} (${DATABASE_FILE} is missing)`);
  const dir = path.resolve(target);
  if (!(await isEmptyDir(dir))) throw new BackupRefused(`${dir} exists and is not empty: give a new folder for each backup`);
  const partial = `${dir}.partial`;
  // Left by an interrupted run of this command: never a backup, always safe to discard.
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true, mode: 0o700 });

  const source = new Database(paths.sqlite, { fileMustExist: true, timeout: 5000 });
  try {
    // All remaining pages in one step: a step-wise copy restarts whenever another process
    // writes between steps, and under steady submissions might never finish. In WAL mode the
    // one long read does not hold writers back.
    await source.backup(path.join(partial, DATABASE_FILE), { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const schemaVersion = schemaVersionOf(path.join(partial, DATABASE_FILE));
  log(`database copied (schema version ${schemaVersion})`);
  await step('database');

  const files = [DATABASE_FILE];
  for (const rel of await listFiles(paths.data, paths.blobs, (name) => name.endsWith('.blob'))) {
    if (await copyInto(path.join(paths.data, rel), path.join(partial, rel))) files.push(rel);
  }
  log(`${files.length - 1} attachment blobs copied`);
  await step('blobs');

  for (const rel of await listFiles(paths.data, paths.mailOutbox, (name) => name.endsWith('.eml') && !name.startsWith('.'))) {
    if (await copyInto(path.join(paths.data, rel), path.join(partial, rel))) files.push(rel);
  }
  await step('mail');

  const fromEnv = env.SERVER_PEPPER !== undefined;
  if (!fromEnv) {
    if (!existsSync(paths.secrets)) throw new BackupRefused(`${paths.secrets} is missing and SERVER_PEPPER is not set: there are no secrets to back up`);
    const secretsDir = path.join(partial, SECRETS_DIR);
    await mkdir(secretsDir, { mode: 0o700 });
    await copyFile(paths.secrets, path.join(secretsDir, SECRETS_FILE));
    await chmod(path.join(secretsDir, SECRETS_FILE), 0o600);
    await writeFile(path.join(secretsDir, 'README.txt'), SECRETS_README, { mode: 0o600 });
    files.push(`${SECRETS_DIR}/${SECRETS_FILE}`);
  }
  await step('secrets');

  const entries = [];
  for (const rel of files) {
    const entry = await describeFile(partial, rel);
    entries.push(entry);
  }
  const manifest: Manifest = {
    format: FORMAT,
    createdAt: new Date().toISOString(),
    store: 'sqlite',
    schemaVersion,
    secrets: fromEnv ? 'environment' : 'file',
    files: entries,
  };
  for (const rel of files) await syncPath(path.join(partial, ...rel.split('/')));
  await writeFile(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await syncPath(path.join(partial, MANIFEST));
  await syncPath(partial);
  await step('manifest');
  if (existsSync(dir)) await rmdir(dir);
  await rename(partial, dir);
  await syncPath(path.dirname(dir));

  // The backup is complete whatever happens next; only the admin checklist would miss it.
  try {
    const store = await openSqliteStore(paths.sqlite, silentLogger);
    try {
      await store.settings.set(BACKUP_KEY, { at: manifest.createdAt }, new Date(manifest.createdAt));
    } finally {
      await store.close();
    }
  } catch (err) {
    log(`the backup is complete, but its date could not be recorded for the admin checklist: ${(err as Error).message}`);
  }
  return { dir, manifest };
}

function parseArgs(argv: string[]): string {
  const positional = argv.filter((a) => !a.startsWith('--'));
  if (positional.length !== 1 || argv.length !== 1) throw new BackupRefused('usage: npm run backup -- DIR (a new or empty folder)');
  return positional[0]!;
}

async function main(env: Env, argv: string[]): Promise<void> {
  const { dir, manifest } = await runBackup(env, parseArgs(argv), { log: (line) => process.stdout.write(`backup: ${line}\n`) });
  const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
  process.stdout.write(`Backup complete: ${dir} (${manifest.files.length} files, ${bytes} bytes, schema version ${manifest.schemaVersion})\n`);
  process.stdout.write(
    manifest.secrets === 'file'
      ? `The installation secrets are in ${path.join(dir, SECRETS_DIR)}: store that folder apart from the rest.\n`
      : 'The secrets come from the environment (SERVER_PEPPER, SESSION_KEY, RECEIPT_SALT): back them up wherever you keep them.\n',
  );
}

if (require.main === module) runCommand('backup failed, nothing was completed', main);
