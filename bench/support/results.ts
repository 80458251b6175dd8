/**
 * Machine-readable results: every benchmark run appends one entry to
 * bench/results/results.json (gitignored), so figures can be compared across runs
 * without parsing the printed text.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Machine } from './machine';
import { RESULTS_FILE } from './paths';

export type Status = 'PASS' | 'MISS' | 'INFO' | 'SKIP';

/** `figure op value` must hold; `of` says whether the figure or its ratio to the peer is held. */
export interface Target {
  of: 'value' | 'ratio';
  op: '>=' | '<=';
  value: number;
}

export interface Peer {
  name: string;
  value: number;
  unit: string;
}

export type Detail = Record<string, number | string | boolean | null>;

export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  peer: Peer | null;
  /** value / peer, whatever the direction of "better" */
  ratio: number | null;
  target: Target | null;
  status: Status;
  /** why a figure was skipped, or what a reader must know to interpret it */
  note?: string;
  detail?: Detail;
}

export interface BenchRun {
  bench: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  /** what was configured for this run only (difficulty, lifted limits, sizes) */
  settings: Detail;
  figures: Figure[];
}

function readRuns(file: string): BenchRun[] {
  if (!existsSync(file)) return [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? (parsed as BenchRun[]) : [];
  } catch {
    // A damaged file (an interrupted write) must not stop the next run; it is replaced.
    return [];
  }
}

export function appendRun(run: BenchRun, file = RESULTS_FILE): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const runs = readRuns(file);
  runs.push(run);
  writeFileSync(file, `${JSON.stringify(runs, null, 2)}\n`);
}
