/**
 * `npm run bench`: every benchmark in its own process, one after another (they would skew
 * each other if run together), under one run id; then a summary of the figures they
 * appended to bench/results/results.json. A benchmark that crashes is reported and the
 * others still run. Every bench/<name>.bench.ts is run (compiled); names given as arguments
 * run only those; --flags are passed to every benchmark.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchRun } from './support/results';
import { RESULTS_FILE, ROOT } from './support/paths';

/** Quick ones first, the browser last; benchmarks not listed here follow in name order. */
const ORDER = ['startup', 'intake', 'upload', 'signin-flood', 'routing', 'browser-crypto', 'tor-journey'];

/** Benchmarks with a source file, so a compiled file whose source was removed never runs. */
function benchmarks(): string[] {
  const names = readdirSync(path.join(ROOT, 'bench'))
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length));
  const rank = (n: string): number => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function run(name: string, runId: string, extra: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = fork(path.join(__dirname, `${name}.bench.js`), [`--run-id=${runId}`, ...extra], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function summary(runId: string): void {
  const runs = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchRun[]).filter((r) => r.runId === runId) : [];
  process.stdout.write(`\n== summary (run ${runId}) ==\n`);
  for (const r of runs) {
    for (const f of r.figures) {
      if (f.status === 'INFO') continue;
      const value = f.value === null ? '-' : `${f.value.toFixed(1)} ${f.unit}`;
      const ratio = f.ratio === null ? '' : ` (${f.ratio.toFixed(2)}x)`;
      process.stdout.write(`   ${f.status.padEnd(4)}  ${r.bench.padEnd(14)} ${f.name}: ${value}${ratio}\n`);
    }
  }
}

async function main(): Promise<void> {
  const runId = randomUUID();
  const extra = process.argv.slice(2);
  const only = extra.filter((a) => !a.startsWith('--'));
  const flags = extra.filter((a) => a.startsWith('--'));
  const failed: string[] = [];
  for (const name of benchmarks()) {
    if (only.length > 0 && !only.includes(name)) continue;
    if ((await run(name, runId, flags)) !== 0) failed.push(name);
  }
  summary(runId);
  if (failed.length > 0) {
    process.stderr.write(`benchmarks that crashed: ${failed.join(', ')}\n`);
    process.exit(1);
  }
}

void main();
