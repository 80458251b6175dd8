/**
 * `npm run restore -- DIR [--secrets FOLDER] [--force]`: puts a backup made by `npm run backup`
 * back into DATA_DIR. It first checks the manifest and every file's size and SHA-256, and
 * refuses an incomplete or altered backup, or one made by a newer Amana (a higher schema
 * version). It refuses a DATA_DIR that already holds something unless --force is given, and
 * even with --force it refuses while a process has the database open (a running server).
 *
 * The files are copied into a staging folder inside DATA_DIR and checked again there, then
 * moved into place; the old database's -wal and -shm files go with the old database, so a
 * stale write-ahead log can never be replayed onto the restored file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dataPaths, type Env } from '../../config';
import { CommandRefused, runCommand } from './cli-command';
import { MIGRATIONS } from '../adapters/sqlite/migrations';
import {
  BLOBS_DIR, DATABASE_FILE, MAIL_DIR, SECRETS_DIR, SECRETS_FILE, checkBackup, locate, sha256Of, syncPath, type Manifest,
} from './backup-manifest';
import { MONGO_NOTE } from './backup';

export class RestoreRefused extends CommandRefused {}

export interface RestoreOptions {
  force?: boolean;
  /** the SECRETS-keep-apart folder, when it was stored away from the backup */
  secretsDir?: string;
}

const LATEST_SCHEMA = Math.max(...MIGRATIONS.map((m) => m.version));

/** Throws when a process holds the database open: leaving WAL mode needs every other connection gone. */
function assertNotInUse(sqlite: string): void {
  if (!existsSync(sqlite)) return;
  const db = new Database(sqlite, { timeout: 0, fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new RestoreRefused(`${sqlite} is in use by a running process: stop Amana (API and workers) before restoring`);
    throw err;
  } finally {
    db.close();
  }
}

async function present(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(dataDir)).filter((name) => !name.startsWith('.restore-'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

export async function runRestore(env: Env, backupDir: string, options: RestoreOptions = {}): Promise<Manifest> {
  if (env.MONGODB_URI !== undefined) throw new RestoreRefused(MONGO_NOTE);
  const dir = path.resolve(backupDir);
  const secretsDir = options.secretsDir === undefined ? undefined : path.resolve(options.secretsDir);
  const checked = await checkBackup(dir, secretsDir === undefined ? {} : { secretsDir });
  if (!checked.ok) throw new RestoreRefused(`refusing to restore: ${checked.reason}`);
  const { manifest } = checked;
  if (manifest.schemaVersion > LATEST_SCHEMA) {
    throw new RestoreRefused(`refusing to restore: the backup has schema version ${manifest.schemaVersion}, this Amana knows ${LATEST_SCHEMA}; restore with the version that made it`);
  }
  if (manifest.secrets === 'environment' && env.SERVER_PEPPER === undefined) {
    throw new RestoreRefused('refusing to restore: the backup was made with secrets from the environment; set SERVER_PEPPER, SESSION_KEY and RECEIPT_SALT to the same values first');
  }

  const paths = dataPaths(env.DATA_DIR);
  const existing = await present(paths.data);
  if (existing.length > 0 && !options.force) {
    throw new RestoreRefused(`refusing to restore: DATA_DIR=${paths.data} is not empty (${existing.slice(0, 5).join(', ')}); restore into an empty folder, or pass --force to replace this installation`);
  }
  assertNotInUse(paths.sqlite);

  await mkdir(paths.data, { recursive: true, mode: 0o700 });
  const stage = path.join(paths.data, `.restore-${randomBytes(6).toString('hex')}`);
  await mkdir(stage, { mode: 0o700 });
  try {
    for (const entry of manifest.files) {
      const to = path.join(stage, ...entry.path.split('/'));
      await mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
      await copyFile(locate(dir, entry.path, secretsDir), to);
      if ((await sha256Of(to)) !== entry.sha256) throw new RestoreRefused(`refusing to restore: ${entry.path} changed while it was copied`);
      await syncPath(to);
    }
    // The staged folder is whole: only now is the old installation removed.
    for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, BLOBS_DIR, MAIL_DIR, SECRETS_FILE]) {
      await rm(path.join(paths.data, name), { recursive: true, force: true });
    }
    await rename(path.join(stage, DATABASE_FILE), paths.sqlite);
    await chmod(paths.sqlite, 0o600);
    for (const folder of [BLOBS_DIR, MAIL_DIR]) {
      if (existsSync(path.join(stage, folder))) await rename(path.join(stage, folder), path.join(paths.data, folder));
    }
    const secrets = path.join(stage, SECRETS_DIR, SECRETS_FILE);
    if (existsSync(secrets)) {
      await rename(secrets, paths.secrets);
      await chmod(paths.secrets, 0o600);
    }
    await syncPath(paths.data);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
  return manifest;
}

function parseArgs(argv: string[]): { dir: string; options: RestoreOptions } {
  const usage = 'usage: npm run restore -- BACKUP_DIR [--secrets FOLDER] [--force]';
  const options: RestoreOptions = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--force') options.force = true;
    else if (arg === '--secrets') {
      const value = argv[i + 1];
      if (value === undefined) throw new RestoreRefused(usage);
      options.secretsDir = value;
      i += 1;
    } else if (arg.startsWith('--')) throw new RestoreRefused(`unknown option ${arg}; ${usage}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new RestoreRefused(usage);
  return { dir: positional[0]!, options };
}

async function main(env: Env, argv: string[]): Promise<void> {
  const { dir, options } = parseArgs(argv);
  const manifest = await runRestore(env, dir, options);
  process.stdout.write(`Restored the backup of ${manifest.createdAt} (${manifest.files.length} files, schema version ${manifest.schemaVersion}) into ${env.DATA_DIR}.\n`);
  process.stdout.write('Start Amana on it as usual; pending migrations run at the first start.\n');
}

if (require.main === module) runCommand('restore failed', main);
