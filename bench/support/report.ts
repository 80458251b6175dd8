/**
 * Collects a benchmark's figures, prints each next to its peer with the ratio, the target
 * and PASS/MISS, and appends the run to the results file. A MISS is printed, never thrown:
 * benchmarks are not tests.
 */
import { randomUUID } from 'node:crypto';
import { describeMachine, machine, type Machine } from './machine';
import { appendRun, type Detail, type Figure, type Peer, type Target } from './results';

export interface FigureInput {
  name: string;
  value: number;
  unit: string;
  peer?: Peer;
  target?: Target;
  note?: string;
  detail?: Detail;
}

const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

function judge(target: Target | undefined, value: number, ratio: number | null): Figure['status'] {
  if (!target) return 'INFO';
  const held = target.of === 'ratio' ? ratio : value;
  if (held === null || !Number.isFinite(held)) return 'MISS';
  return (target.op === '>=' ? held >= target.value : held <= target.value) ? 'PASS' : 'MISS';
}

function targetText(t: Target | null, unit: string): string {
  if (!t) return '';
  return t.of === 'ratio' ? `target ${t.op} ${t.value}x` : `target ${t.op} ${t.value} ${unit}`;
}

export class BenchReport {
  private readonly figures: Figure[] = [];
  private readonly settings: Detail = {};
  private readonly startedAt = new Date().toISOString();
  readonly machine: Machine = machine();
  readonly runId: string;

  constructor(readonly bench: string) {
    const flag = process.argv.find((a) => a.startsWith('--run-id='));
    this.runId = flag ? flag.slice('--run-id='.length) : randomUUID();
    process.stdout.write(`\n== ${bench} ==  ${describeMachine(this.machine)}\n`);
  }

  /** Records and prints a run-wide setting (difficulty, lifted limits, sizes). */
  setting(name: string, value: number | string | boolean): void {
    this.settings[name] = value;
    process.stdout.write(`   setting ${name}: ${String(value)}\n`);
  }

  note(text: string): void {
    process.stdout.write(`   ${text}\n`);
  }

  add(input: FigureInput): Figure {
    const ratio = input.peer && input.peer.value !== 0 ? input.value / input.peer.value : null;
    const figure: Figure = {
      name: input.name,
      value: input.value,
      unit: input.unit,
      peer: input.peer ?? null,
      ratio,
      target: input.target ?? null,
      status: judge(input.target, input.value, ratio),
      ...(input.note ? { note: input.note } : {}),
      ...(input.detail ? { detail: input.detail } : {}),
    };
    this.figures.push(figure);
    this.print(figure);
    return figure;
  }

  /** A target the server cannot meet because the behaviour it measures does not exist. */
  miss(name: string, target: Target, reason: string): void {
    const figure: Figure = { name, value: null, unit: '', peer: null, ratio: null, target, status: 'MISS', note: reason };
    this.figures.push(figure);
    process.stdout.write(`   ${name.padEnd(44)} ${'-'.padStart(9)} | ${targetText(target, 'ms')} | MISS\n     ${reason}\n`);
  }

  /** A figure that could not be measured in this run, with the reason. */
  skip(name: string, reason: string): void {
    const figure: Figure = { name, value: null, unit: '', peer: null, ratio: null, target: null, status: 'SKIP', note: `skipped: ${reason}` };
    this.figures.push(figure);
    process.stdout.write(`   ${name.padEnd(44)} skipped: ${reason}\n`);
  }

  private print(f: Figure): void {
    const parts = [`${f.name.padEnd(44)} ${fmt(f.value ?? Number.NaN).padStart(9)} ${f.unit}`];
    if (f.peer) parts.push(`| peer ${f.peer.name} ${fmt(f.peer.value)} ${f.peer.unit}`);
    if (f.ratio !== null) parts.push(`| ratio ${f.ratio.toFixed(2)}x`);
    const target = targetText(f.target, f.unit);
    if (target) parts.push(`| ${target}`);
    parts.push(`| ${f.status}`);
    process.stdout.write(`   ${parts.join(' ')}\n`);
    if (f.note) process.stdout.write(`     ${f.note}\n`);
  }

  /** Appends the run to bench/results/results.json. */
  save(): void {
    appendRun({
      bench: this.bench,
      runId: this.runId,
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      machine: this.machine,
      settings: this.settings,
      figures: this.figures,
    });
  }
}

/** Runs a benchmark's main, saving what was measured even when a later step fails. */
export function runBench(bench: string, main: (report: BenchReport) => Promise<void>): void {
  const report = new BenchReport(bench);
  main(report)
    .then(() => {
      report.save();
      process.exit(0);
    })
    .catch((err: unknown) => {
      report.save();
      process.stderr.write(`${bench} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
