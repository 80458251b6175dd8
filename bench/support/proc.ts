/**
 * Child processes for benchmarks: servers under load run apart from the load generator, so
 * each gets its own event loop and its memory can be read from /proc. Lines on stdout are
 * kept for waiting on a ready line; an IPC channel carries structured messages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Child {
  proc: ChildProcess;
  pid: number;
  lines: string[];
  stderr: string[];
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** the next IPC message whose `type` is `type` */
  message<T extends { type: string }>(type: T['type'], timeoutMs?: number): Promise<T>;
  send(message: object): void;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs` */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  args?: string[];
  /** the child's whole environment: nothing of the benchmark's own leaks in */
  env?: Record<string, string>;
  execArgv?: string[];
  /** keep stdout lines (off for servers that log every request, to spare the parent) */
  keepLines?: boolean;
}

export function startNode(script: string, options: StartOptions = {}): Child {
  const proc = fork(script, options.args ?? [], {
    env: { ...options.env },
    execArgv: options.execArgv ?? [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  if (proc.pid === undefined) throw new Error(`could not start ${script}`);
  const lines: string[] = [];
  const stderr: string[] = [];
  const wakers = new Set<() => void>();
  const messages: { type: string }[] = [];
  let pending = '';
  let keep = options.keepLines ?? true;
  proc.stdout?.on('data', (chunk: Buffer) => {
    if (!keep) return;
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
    // Once the ready line is in, a server logging every request would only fill memory here.
    if (lines.length > 10_000) keep = false;
    wakers.forEach((w) => w());
  });
  proc.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  proc.on('message', (m: { type: string }) => {
    messages.push(m);
    wakers.forEach((w) => w());
  });
  proc.on('exit', () => wakers.forEach((w) => w()));

  const waitFor = <T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found !== undefined) return done(() => resolve(found));
        if (proc.exitCode !== null || proc.signalCode !== null) done(() => reject(new Error(`${script} exited before ${what}: ${stderr.join('').slice(-2000)}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`${script}: timed out waiting for ${what}; stderr: ${stderr.join('').slice(-2000)}`))), timeoutMs);
      const done = (settle: () => void): void => {
        clearTimeout(timer);
        wakers.delete(check);
        settle();
      };
      wakers.add(check);
      check();
    });

  return {
    proc,
    pid: proc.pid,
    lines,
    stderr,
    waitForLine: (match, timeoutMs = 30_000) => waitFor(() => lines.find(match), 'its ready line', timeoutMs),
    message: <T extends { type: string }>(type: T['type'], timeoutMs = 120_000) =>
      waitFor(() => {
        const index = messages.findIndex((m) => m.type === type);
        return index < 0 ? undefined : (messages.splice(index, 1)[0] as T);
      }, `message ${type}`, timeoutMs),
    send: (message) => {
      proc.send(message);
    },
    stop: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process in bytes (VmRSS), or NaN once it is gone. */
export function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; reports the peak. */
export function sampleRss(pid: number, everyMs = 20): { stop(): { peak: number; last: number; samples: number } } {
  let peak = 0;
  let last = Number.NaN;
  let samples = 0;
  const timer = setInterval(() => {
    const rss = rssOf(pid);
    if (Number.isNaN(rss)) return;
    last = rss;
    peak = Math.max(peak, rss);
    samples += 1;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const rss = rssOf(pid);
      if (!Number.isNaN(rss)) peak = Math.max(peak, rss);
      return { peak, last: Number.isNaN(rss) ? last : rss, samples };
    },
  };
}
