/** Single JSON and raw requests over node:http, for set-up steps outside the timed phases. */
import http, { type OutgoingHttpHeaders } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

export function request(port: number, method: string, path: string, body?: Buffer, headers: OutgoingHttpHeaders = {}, agent?: http.Agent): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const all: OutgoingHttpHeaders = { ...headers, ...(body ? { 'content-length': body.length } : {}) };
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: all, ...(agent ? { agent } : {}) }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** GET or POST JSON; throws unless the answer has status `expect`. */
export async function json<T>(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  payload?: object,
  expect = 200,
  agent?: http.Agent,
  headers: OutgoingHttpHeaders = {},
): Promise<T> {
  const body = payload === undefined ? undefined : Buffer.from(JSON.stringify(payload));
  const answer = await request(port, method, path, body, { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, agent);
  if (answer.status !== expect) throw new Error(`${method} ${path}: expected ${expect}, got ${answer.status} ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body) as T;
}

/** The port in a JSON ready line ({"port": n, ...}). */
export function portOf(line: string): number {
  const parsed = JSON.parse(line) as { port?: unknown };
  if (typeof parsed.port !== 'number') throw new Error(`no port in ${line}`);
  return parsed.port;
}
