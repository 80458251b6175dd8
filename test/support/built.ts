/**
 * Tests that start real processes need dist/. `npm test` builds before jest; when a file is
 * run alone this builds it, under a lock so two jest workers never build at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const serverEntry = path.join(repoRoot, 'dist', 'server', 'main.js');
export const workerEntry = path.join(repoRoot, 'dist', 'worker', 'main.js');

const lockDir = path.join(repoRoot, 'dist', '.build-lock');
const STALE_LOCK_MS = 10 * 60 * 1000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureBuilt(): void {
  mkdirSync(path.join(repoRoot, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      const lock = statSync(lockDir, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS) rmdirSync(lockDir);
      else sleep(200);
    }
  }
  try {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-if-needed.js')], { cwd: repoRoot, stdio: 'pipe' });
  } finally {
    rmdirSync(lockDir);
  }
}
