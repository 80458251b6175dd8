/**
 * Logging through an allow-list. Only the fields named in ALLOWED reach pino; anything
 * else (an IP address, a user agent, a header, a body, an e-mail address) is dropped
 * before serialisation, in every environment. Log ids, never content.
 */
import pino from 'pino';

const ALLOWED = [
  'reqId', 'method', 'route', 'status', 'ms', 'errorId', 'errorCode',
  'jobId', 'jobName', 'attempt', 'caseId', 'channelId', 'staffId', 'attachmentId',
  'store', 'jobs', 'blobs', 'mail', 'port', 'count', 'queue', 'signal', 'version', 'migration',
  // origins only (scheme, host, port of a page), never a client's address
  'reason', 'expectedOrigin', 'receivedOrigin',
] as const;
export type LogField = (typeof ALLOWED)[number];
export type LogFields = Partial<Record<LogField, string | number | boolean | null>>;
const allowed = new Set<string>(ALLOWED);

export interface Logger {
  fatal(fields: LogFields, msg: string): void;
  error(fields: LogFields, msg: string): void;
  warn(fields: LogFields, msg: string): void;
  info(fields: LogFields, msg: string): void;
  debug(fields: LogFields, msg: string): void;
  child(fields: LogFields): Logger;
  flush(): void;
}

function clean(fields: LogFields): LogFields {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!allowed.has(key)) continue;
    // Strings are capped so no field can smuggle a body into the log.
    out[key] = typeof value === 'string' ? value.slice(0, 120) : (value ?? null);
  }
  return out;
}

function wrap(base: pino.Logger): Logger {
  return {
    fatal: (f, m) => base.fatal(clean(f), m),
    error: (f, m) => base.error(clean(f), m),
    warn: (f, m) => base.warn(clean(f), m),
    info: (f, m) => base.info(clean(f), m),
    debug: (f, m) => base.debug(clean(f), m),
    child: (f) => wrap(base.child(clean(f))),
    flush: () => base.flush(),
  };
}

/** `destination` is for tests that inspect what would be written. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const base = pino(
    {
      level,
      base: { svc: 'amana' },
      // pino would add hostname and pid; neither is needed and hostname can identify a host.
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { bindings: () => ({}) },
    },
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
  return wrap(base);
}

/** A logger that writes nothing, for unit tests of services. */
export const silentLogger: Logger = wrap(pino({ level: 'silent' }));
