/**
 * Starts a built Amana process (API or worker) with its own environment and waits for a
 * log line, so tests can drive real processes: start-up, SIGTERM, SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningProcess {
  child: ChildProcess;
  /** every stdout line so far, parsed when JSON */
  lines: string[];
  stderr: string[];
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startProcess(entry: string, env: NodeJS.ProcessEnv, cwd?: string): RunningProcess {
  const child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
    waiters.forEach((w) => w());
  });
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      waiters.forEach((w) => w());
      resolve({ code, signal });
    });
  });
  const waitForLine = (match: (line: string) => boolean, timeoutMs = 20000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = lines.find(match);
        if (found !== undefined) {
          cleanup();
          resolve(found);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          cleanup();
          reject(new Error(`process exited before the expected line; stderr: ${stderr.join('')}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for a line; stdout: ${lines.slice(-5).join(' | ')} stderr: ${stderr.join('')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return { child, lines, stderr, waitForLine, exited };
}

/** the port from the API's `amana ready` log line */
export function readyPort(line: string): number {
  const entry = JSON.parse(line) as { port?: number };
  if (typeof entry.port !== 'number') throw new Error('no port in ready line');
  return entry.port;
}

export const isReadyLine = (line: string) => line.includes('"msg":"amana ready"');
