/**
 * Typed configuration: the parsed environment, the installation secrets and the
 * settings that are not environment variables (deadlines, limits, key derivation).
 * Built once at start by loadConfigOrExit() and passed down; only env.ts reads the environment.
 */
import path from 'node:path';
import { parseEnv, readProcessEnv, type Env } from './env';
import { loadSecrets, secretsPath, type Secrets } from './secrets';
import { settings } from './settings';

export { settings };

export interface Argon2Params {
  /** memory in KiB */
  memKiB: number;
  passes: number;
}

export interface Config {
  env: Env;
  secrets: Secrets;
  paths: { data: string; sqlite: string; blobs: string; mailOutbox: string; clientDist: string };
  deadlines: { acknowledgeDays: number; feedbackDays: number };
  limits: { attachmentBytes: number; attachmentsPerReport: number; chunkBytes: number; reportBytes: number; messageBytes: number };
  kdf: { receipt: Argon2Params; staff: Argon2Params };
  jobs: { attempts: number; backoffMs: number; lockMs: number; pollMs: number; reconcileMs: number; concurrency: number };
  retention: { closedCaseMonths: number; abandonedUploadHours: number };
  statistics: { k: number };
}


/** The repository root, whether running compiled (dist/config) or from source (config/). */
export function repoRoot(): string {
  const parent = path.resolve(__dirname, '..');
  return path.basename(parent) === 'dist' ? path.dirname(parent) : parent;
}

/** Where DATA_DIR keeps each part; computed without touching the disk (the backup and restore commands use it). */
export function dataPaths(data: string): Omit<Config['paths'], 'clientDist'> & { secrets: string } {
  return {
    data,
    sqlite: path.join(data, 'amana.sqlite'),
    blobs: path.join(data, 'blobs'),
    mailOutbox: path.join(data, 'outbox'),
    secrets: secretsPath(data),
  };
}

export function buildConfig(env: Env): Config {
  const { data, sqlite, blobs, mailOutbox } = dataPaths(env.DATA_DIR);
  return {
    env,
    secrets: loadSecrets(env),
    paths: { data, sqlite, blobs, mailOutbox, clientDist: path.join(repoRoot(), 'dist', 'client') },
    deadlines: { ...settings.deadlines },
    limits: { ...settings.limits },
    kdf: { receipt: { ...settings.kdf.receipt }, staff: { ...settings.kdf.staff } },
    jobs: { ...settings.jobs, lockMs: env.JOB_LOCK_MS, concurrency: env.WORKER_CONCURRENCY },
    retention: { ...settings.retention },
    statistics: { ...settings.statistics },
  };
}

/** Start-up entry: parses the environment, exits with one line on the first problem. */
export function loadConfigOrExit(): Config {
  try {
    return buildConfig(readProcessEnv());
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(78); // EX_CONFIG
  }
}

export { parseEnv, type Env };
