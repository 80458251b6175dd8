/**
 * Officers activated the way a browser activates them (POST /auth/activation, then
 * /auth/activate with a login secret and a current TOTP code), so the sign-in benchmark
 * signs in with exactly what a staff page would hold. The public key is a real X25519 key and
 * the key bundle holds real private-key envelopes (of a random blob under random keys), since
 * the server checks every envelope it stores; signing in never opens them.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { totpAt } from '../../server/services/totp';
import type { ActivationStartResponse, KeyBundle } from '../../shared/api/staff.schema';
import { loadAmanaCrypto, type AmanaCrypto } from '../../shared/crypto';
import type { Invite } from './app-protocol';
import { json } from './http';

export const CSRF = { 'x-amana-csrf': '1' } as const;

export interface Account {
  email: string;
  loginSecret: string;
  totpSecret: Uint8Array;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32Decode(text: string): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    buffer = (buffer << 5) | B32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

const randomB64 = (n: number): string => randomBytes(n).toString('base64');

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

function keyBundle(crypto: AmanaCrypto): KeyBundle {
  const sealed = (context: string) => b64(crypto.encryptEnvelope(randomBytes(32), randomBytes(34), context, 'private-key'));
  return { v: 1, kdfSalt: randomB64(16), kdfParams: { memKiB: 64 * 1024, passes: 3 }, password: sealed('password'), recoverySalt: randomB64(16), recovery: sealed('recovery') };
}

function post<T>(port: number, path: string, payload: object, expect: number, agent: http.Agent): Promise<T> {
  return json<T>(port, 'POST', path, payload, expect, agent, CSRF);
}

export async function activate(port: number, invite: Invite, agent: http.Agent): Promise<Account> {
  const start = await post<ActivationStartResponse>(port, '/api/v1/auth/activation', { token: invite.token }, 200, agent);
  const totpSecret = base32Decode(start.totp.secret);
  const loginSecret = randomB64(32);
  const crypto = await loadAmanaCrypto();
  await post<object>(port, '/api/v1/auth/activate', {
    token: invite.token,
    publicKey: b64(crypto.x25519Keypair().publicKey),
    keyBundle: keyBundle(crypto),
    loginSecret,
    recoveryLoginSecret: randomB64(32),
    totp: totpAt(totpSecret, Date.now()),
  }, 201, agent);
  return { email: invite.email, loginSecret, totpSecret };
}

/** Activates every invite, `lanes` at a time (each activation hashes two secrets). */
export async function activateAll(port: number, invites: Invite[], lanes: number): Promise<Account[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: lanes });
  const accounts: Account[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < invites.length; i = next++) {
      const invite = invites[i];
      if (invite) accounts.push(await activate(port, invite, agent));
    }
  };
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    agent.destroy();
  }
  return accounts;
}

/**
 * A sign-in body. The code is the next step's: activation used the current step, and a
 * step is accepted once and only when newer, while the server's window still takes the
 * next one for the rest of this step and all of the next.
 */
export function signInBody(account: Account): Buffer {
  return Buffer.from(JSON.stringify({ email: account.email, loginSecret: account.loginSecret, totp: totpAt(account.totpSecret, Date.now() + 30_000) }));
}
