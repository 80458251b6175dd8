/**
 * A small HTTP load generator on node:http, standing in for autocannon (not installed, and
 * not worth a dependency): N connections kept alive, each sending its next request as soon
 * as the previous answer has been read, for a fixed duration. Amana and its peer are loaded
 * by this same code in the same run, so the client's own cost cancels out of the ratio.
 */
import http, { type OutgoingHttpHeaders } from 'node:http';
import { msSince, quantile } from './stats';

export interface LoadRequest {
  method: string;
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer;
}

export interface LoadOptions {
  port: number;
  host?: string;
  connections: number;
  durationMs: number;
  /** the i-th request; null when the supply is exhausted (that connection then stops) */
  next(i: number): LoadRequest | null;
  /** the status a successful answer has; anything else counts as an error */
  okStatus: number;
  /** every answer's status ("network" when none came) and latency, for per-status figures */
  onAnswer?(status: string, ms: number): void;
}

export interface LoadResult {
  requests: number;
  ok: number;
  errors: number;
  /** answers by status code, plus "network" for requests that got no answer */
  statuses: Record<string, number>;
  durationMs: number;
  /** successful answers per second */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** true when next() ran out before the duration ended */
  exhausted: boolean;
  /** the first error body, to tell a bench bug from load */
  firstError: string | null;
}

interface Answer {
  status: number;
  body: string;
}

function send(agent: http.Agent, host: string, port: number, req: LoadRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: OutgoingHttpHeaders = { ...req.headers };
    if (req.body) headers['content-length'] = req.body.length;
    const r = http.request({ host, port, method: req.method, path: req.path, headers, agent }, (res) => {
      const status = res.statusCode ?? 0;
      // Success bodies are drained unread; an error body is kept to be shown once.
      if (status < 400) {
        res.on('end', () => resolve({ status, body: '' })).resume();
        return;
      }
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c)).on('end', () => resolve({ status, body: Buffer.concat(parts).toString('utf8').slice(0, 300) }));
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const host = options.host ?? '127.0.0.1';
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let issued = 0;
  let ok = 0;
  let exhausted = false;
  let firstError: string | null = null;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + options.durationMs;

  const connection = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const req = options.next(issued);
      if (req === null) {
        exhausted = true;
        return;
      }
      issued += 1;
      const t0 = process.hrtime.bigint();
      let key = 'network';
      try {
        const answer = await send(agent, host, options.port, req);
        key = String(answer.status);
        if (answer.status === options.okStatus) ok += 1;
        else firstError ??= `${answer.status} ${answer.body}`;
      } catch (err) {
        firstError ??= `network: ${(err as Error).message}`;
      }
      statuses[key] = (statuses[key] ?? 0) + 1;
      const ms = msSince(t0);
      latencies.push(ms);
      options.onAnswer?.(key, ms);
    }
  };

  await Promise.all(Array.from({ length: options.connections }, connection));
  const durationMs = msSince(started);
  agent.destroy();
  return {
    requests: issued,
    ok,
    errors: issued - ok,
    statuses,
    durationMs,
    rps: ok / (durationMs / 1000),
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.reduce((a, b) => Math.max(a, b), 0),
    exhausted,
    firstError,
  };
}
