/**
 * Installation secrets: created once in DATA_DIR/secrets.json (mode 0600) and reused,
 * unless given by the environment (at scale every process must share them).
 * The server pepper keys the receipt lookup hash; it is never stored in the database,
 * so a stolen database alone cannot test receipt guesses.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Env } from './env';

export interface Secrets {
  serverPepper: Buffer;
  sessionKey: Buffer;
  receiptSalt: Buffer;
}

const fileSchema = z.object({
  serverPepper: z.string().regex(/^[0-9a-f]{64}$/),
  sessionKey: z.string().regex(/^[0-9a-f]{64}$/),
  receiptSalt: z.string().regex(/^[0-9a-f]{32}$/),
});

export function secretsPath(dataDir: string): string {
  return path.join(dataDir, 'secrets.json');
}

function readOrCreateFile(dataDir: string): z.infer<typeof fileSchema> {
  const file = secretsPath(dataDir);
  if (existsSync(file)) {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`Invalid configuration: ${file} is damaged; restore it from backup`);
    return parsed.data;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const fresh = {
    serverPepper: randomBytes(32).toString('hex'),
    sessionKey: randomBytes(32).toString('hex'),
    receiptSalt: randomBytes(16).toString('hex'),
  };
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateFile(dataDir);
    throw err;
  }
  chmodSync(file, 0o600);
  return fresh;
}

export function loadSecrets(env: Env): Secrets {
  const given = [env.SERVER_PEPPER, env.SESSION_KEY, env.RECEIPT_SALT].filter((v) => v !== undefined).length;
  if (given !== 0 && given !== 3) {
    throw new Error('Invalid configuration: SERVER_PEPPER, SESSION_KEY and RECEIPT_SALT must be set together or not at all');
  }
  const fromEnv = given === 3;
  const hex = fromEnv
    ? { serverPepper: env.SERVER_PEPPER!, sessionKey: env.SESSION_KEY!, receiptSalt: env.RECEIPT_SALT! }
    : readOrCreateFile(env.DATA_DIR);
  return {
    serverPepper: Buffer.from(hex.serverPepper, 'hex'),
    sessionKey: Buffer.from(hex.sessionKey, 'hex'),
    receiptSalt: Buffer.from(hex.receiptSalt, 'hex'),
  };
}
