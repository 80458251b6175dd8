/**
 * Real processes for the backup tests: a built API server on a DATA_DIR of its own, the
 * backup and restore commands run as an operator runs them, and a reporter who files a
 * report (with an attachment) over HTTP and comes back with the login secret of the receipt.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../server/logger';
import type { Store } from '../../server/ports/store.port';
import { seedDefaults } from '../../server/services/seed-defaults';
import { repoRoot, serverEntry } from '../support/built';
import { isReadyLine, readyPort, startProcess, type RunningProcess } from '../support/spawn-process';
import { givenKeyedStaff, type KeyedStaff } from '../support/test-app';

export const backupEntry = path.join(repoRoot, 'dist', 'server', 'cli', 'backup.js');
export const restoreEntry = path.join(repoRoot, 'dist', 'server', 'cli', 'restore.js');

export const freshDir = (label: string): string => mkdtempSync(path.join(tmpdir(), `amana-ops-${label}-`));

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a built CLI with only the environment given (and PATH). */
export function runCommand(entry: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [entry, ...args], { env: { PATH: process.env.PATH, ...env }, timeout: 120_000 }, (err, stdout, stderr) => {
      const failure = err as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null;
      resolve({
        code: failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null,
        signal: failure?.signal ?? null,
        stdout,
        stderr,
      });
    });
  });
}

/** Spawns a CLI and hands back the child, for a test that kills it mid-way. */
export function spawnCommand(entry: string, args: string[], env: Record<string, string>) {
  return spawn(process.execPath, [entry, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface Server {
  proc: RunningProcess;
  base: string;
  /** supertest takes a URL as well as an app: the reporter kit then talks to the real process */
  target: Express;
}

export async function startServer(dataDir: string): Promise<Server> {
  const proc = startProcess(serverEntry, { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', POW_DIFFICULTY: '4' });
  const port = readyPort(await proc.waitForLine(isReadyLine, 60_000));
  const base = `http://127.0.0.1:${port}`;
  return { proc, base, target: base as unknown as Express };
}

export async function stopServer(server: Server): Promise<void> {
  if (server.proc.child.exitCode !== null || server.proc.child.signalCode !== null) return;
  server.proc.child.kill('SIGTERM');
  await server.proc.exited;
}

/** The default channels and one officer with a key pair, written before the server starts. */
export async function seedInstallation(dataDir: string): Promise<{ officer: KeyedStaff }> {
  const store: Store = await openSqliteStore(path.join(dataDir, 'amana.sqlite'), silentLogger);
  try {
    await seedDefaults({ store, logger: silentLogger });
    return { officer: await givenKeyedStaff(store, { channelId: 'ch-corruption' }) };
  } finally {
    await store.close();
  }
}
