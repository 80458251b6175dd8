/**
 * Where benchmarks find the built code and write their results. Benchmarks run compiled
 * (dist/bench), so the repository root is two or three levels up depending on the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../config';

export const ROOT = repoRoot();
export const DIST = path.join(ROOT, 'dist');
export const SERVER_MAIN = path.join(DIST, 'server', 'main.js');
export const WORKER_MAIN = path.join(DIST, 'worker', 'main.js');
export const CLIENT_DIST = path.join(DIST, 'client');
export const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'results.json');

/** A compiled helper of bench/support, run as its own process. */
export function supportScript(name: string): string {
  return path.join(DIST, 'bench', 'support', `${name}.js`);
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(label: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `amana-bench-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
