/**
 * The one place that reads process.env. Everything else receives a typed Config.
 * Parsed once at start; the first bad value stops the process with a one-line message
 * naming the variable and what it expects. Any variable may instead be given as NAME_FILE
 * (a path whose content is the value), which is how secrets are passed at scale.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
function protocolOf(value: string): string | null {
  try {
    return new URL(value).protocol;
  } catch {
    // A replica set's seed list (mongodb://a:27017,b:27017,c:27017/db) is no WHATWG URL.
    const seedList = /^(mongodb):\/\/[^\s/,]+(,[^\s/,]+)+(\/[^\s]*)?$/.exec(value);
    return seedList ? `${seedList[1]}:` : null;
  }
}
const url = (protocols: string[]) =>
  z.string().refine((v) => protocols.includes(protocolOf(v) ?? ''), {
    message: `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  });
const hex = (bytes: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`, 'i'), `expected ${bytes * 2} hexadecimal characters (${bytes} bytes)`);
const hex32 = hex(32);

/** Each entry: schema plus the sentence the README and error messages use. */
export const variables = {
  PORT: { schema: port.default(8080), doc: 'HTTP port of the API and web pages' },
  HOST: { schema: z.string().min(1).default('127.0.0.1'), doc: 'interface to listen on (0.0.0.0 behind a proxy or in a container)' },
  DATA_DIR: { schema: z.string().min(1).default('./data'), doc: 'folder for the SQLite file, encrypted blobs, the mail outbox and installation secrets' },
  PUBLIC_URL: {
    schema: url(['http:', 'https:']).optional(),
    doc: 'address people use to reach Amana: the setup link, mail links and the origin staff requests must come from (required behind a reverse proxy; unset: the address Amana listens on)',
  },
  ONION_URL: { schema: url(['http:']).optional(), doc: 'optional Tor onion address, announced with the Onion-Location header' },
  MONGODB_URI: { schema: url(['mongodb:', 'mongodb+srv:']).optional(), doc: 'MongoDB replica set; when set, the store and blobs use MongoDB instead of SQLite and local files' },
  REDIS_URL: { schema: url(['redis:', 'rediss:']).optional(), doc: 'Redis; when set, jobs run on BullMQ in `npm run worker` processes instead of in-process' },
  SMTP_URL: { schema: url(['smtp:', 'smtps:']).optional(), doc: 'SMTP server; when unset, mail is written as .eml files under DATA_DIR/outbox' },
  MAIL_FROM: { schema: z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, 'expected an e-mail address').default('amana@localhost'), doc: 'sender address of notifications' },
  LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), doc: 'pino log level' },
  TRUST_PROXY: { schema: z.coerce.number().int().min(0).max(10).default(0), doc: 'number of reverse proxies in front (0: none). Addresses are used in memory for rate limits only, never stored or logged' },
  BODY_LIMIT_KB: { schema: positiveInt.default(256), doc: 'largest JSON request body in KiB (attachment chunks have their own limit)' },
  WORKER_CONCURRENCY: { schema: positiveInt.default(4), doc: 'jobs run at once by each worker process (or by the in-process runner)' },
  METRICS_PORT: { schema: port.default(0), doc: 'internal port for Prometheus metrics of `npm run worker` (0: off)' },
  JOB_LOCK_MS: { schema: positiveInt.default(30000), doc: 'how long a running job is leased before another runner may take it over' },
  SERVER_PEPPER: { schema: hex32.optional(), doc: 'secret keying the receipt lookup hash; generated in DATA_DIR/secrets.json on first start when unset' },
  SESSION_KEY: { schema: hex32.optional(), doc: 'secret signing session tokens; generated like SERVER_PEPPER' },
  RECEIPT_SALT: { schema: hex(16).optional(), doc: 'installation-wide public salt of the receipt derivation (16 bytes); generated like SERVER_PEPPER' },
  POW_DIFFICULTY: { schema: z.coerce.number().int().min(0).max(32).default(18), doc: 'leading zero bits of the proof-of-work asked before an anonymous submission or attachment upload' },
  UPLOAD_MIB_PER_ADDRESS_HOUR: { schema: positiveInt.default(1024), doc: 'attachment bytes (MiB, as announced) one client address may start uploading per hour; counted in memory under a keyed hash, per API process' },
  UPLOAD_MIB_PER_HOUR: { schema: positiveInt.default(4096), doc: 'attachment bytes (MiB, as announced) all clients together may start uploading per hour, per API process' },
  CI: { schema: bool.default('false'), doc: 'set by CI: an unreachable Redis fails the test suite instead of skipping it' },
} as const;

type Vars = typeof variables;
type ParsedVars = { -readonly [K in keyof Vars]: z.output<Vars[K]['schema']> };
export type Env = Omit<ParsedVars, 'PUBLIC_URL'> & {
  /** PUBLIC_URL, or http://localhost:PORT when it was not given */
  PUBLIC_URL: string;
  /** whether PUBLIC_URL was given; when not, staff pages are accepted on the listening address (server/services/public-address.ts) */
  PUBLIC_URL_EXPLICIT: boolean;
};

export class ConfigError extends Error {
  constructor(readonly variable: string, expected: string) {
    super(`Invalid configuration: ${variable} ${expected}`);
  }
}

function rawValue(name: string, source: NodeJS.ProcessEnv): string | undefined {
  const fileName = source[`${name}_FILE`];
  if (fileName !== undefined && fileName !== '') {
    try {
      return readFileSync(fileName, 'utf8').trim();
    } catch {
      throw new ConfigError(`${name}_FILE`, `must name a readable file (could not read ${fileName})`);
    }
  }
  const value = source[name];
  return value === '' ? undefined : value;
}

/** Parses an environment object; throws ConfigError on the first bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const out: Record<string, unknown> = {};
  for (const [name, { schema, doc }] of Object.entries(variables)) {
    const result = (schema as z.ZodTypeAny).safeParse(rawValue(name, source));
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ConfigError(name, `is invalid: ${issue?.message ?? 'bad value'} (expected: ${doc})`);
    }
    out[name] = result.data;
  }
  out.DATA_DIR = path.resolve(String(out.DATA_DIR));
  out.PUBLIC_URL_EXPLICIT = out.PUBLIC_URL !== undefined;
  if (out.PUBLIC_URL === undefined) {
    // Behind a proxy the address Amana listens on is not the one people open, and the
    // Host header cannot be trusted to tell it (DNS rebinding): the address must be given.
    if (Number(out.TRUST_PROXY) > 0) throw new ConfigError('PUBLIC_URL', 'is required when TRUST_PROXY is set: give the address people open behind the reverse proxy, e.g. https://amana.commune.ma');
    out.PUBLIC_URL = `http://localhost:${String(out.PORT)}`;
  }
  return out as Env;
}

/** Reads process.env once. The only read of process.env in the code base. */
export function readProcessEnv(): Env {
  return parseEnv(process.env);
}
