/**
 * Staff test support: the real app over real SQLite (test-app.ts's createTestApp, plus staff options),
 * and people who went through the real activation flow over HTTP, so every test signs in
 * with what a browser would hold: a login secret, a recovery secret, a TOTP secret, the
 * recovery codes and an X25519 key pair.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Role, StaffRecord } from '../../server/ports/store.port';
import type { StaffLimits } from '../../server/services/staff/login-throttle';
import { issueActivationToken } from '../../server/services/staff/activation-token';
import { totpAt } from '../../server/services/totp';
import { ENVELOPE_TYPES, type EnvelopeType } from '../../shared/crypto/envelope';
import type { KeyBundle } from '../../shared/api/staff.schema';
import type { X25519Keypair } from '../../shared/crypto';
import { givenStaff } from '../support/factories';
import { createTestApp, testCrypto, type TestApp } from '../support/test-app';

export const CSRF = { 'X-Amana-CSRF': '1' } as const;
const RELAXED = { max: 100_000, windowMs: 60_000 };
export const relaxedStaffLimits: Partial<StaffLimits> = { requests: RELAXED, attempts: RELAXED, failures: RELAXED };

export async function createStaffApp(options: { limits?: Partial<StaffLimits>; env?: Record<string, string> } = {}): Promise<TestApp> {
  return createTestApp({
    dirPrefix: 'amana-staff-',
    env: { PUBLIC_URL: 'https://amana.commune.example', ...options.env },
    staffLimits: { ...relaxedStaffLimits, ...options.limits },
  });
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export function base32Decode(text: string): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    buffer = (buffer << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

export const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
export const randomB64 = (length: number): string => randomBytes(length).toString('base64');
/** A real X25519 public key (from node:crypto), as a sealed box starts with one. */
export function realPublicKey(): Buffer {
  const der = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32);
}

/**
 * An envelope of the right shape (version, type, nonce, a 256-byte bucket, tag) whose content
 * is random: the server checks the shape (shared/crypto/envelope-check.ts), not the content.
 */
export const fakeEnvelope = (type: EnvelopeType, bucket = 256): string =>
  Buffer.concat([Buffer.of(0x01, ENVELOPE_TYPES[type]), randomBytes(24 + bucket + 16)]).toString('base64');
/** a sealed key's exact shape: a real ephemeral public key, then random box bytes */
export const fakeWrappedKey = (): string => Buffer.concat([realPublicKey(), randomBytes(16 + 34)]).toString('base64');
/** a reason sealed to a custodian: a real ephemeral public key, tag, 256 padded bytes */
export const fakeSealedReason = (): string => Buffer.concat([realPublicKey(), randomBytes(16 + 256)]).toString('base64');

/** A key bundle of the right shape; its ciphertexts are random (the server cannot tell). */
export function fakeKeyBundle(recoverySalt = randomB64(16)): KeyBundle {
  return { v: 1, kdfSalt: randomB64(16), kdfParams: { memKiB: 64 * 1024, passes: 3 }, password: fakeEnvelope('private-key'), recoverySalt, recovery: fakeEnvelope('private-key') };
}

export interface Person {
  staff: StaffRecord;
  email: string;
  token: string;
  loginSecret: string;
  recoverySecret: string;
  totpSecret: Uint8Array;
  recoveryCodes: string[];
  keypair: X25519Keypair;
  keyBundle: KeyBundle;
}

export interface NewPerson {
  roles: Role[];
  channels?: string[];
  supervisor?: boolean;
  email?: string;
}

/** An account invited directly in the store, then activated over HTTP as the browser does. */
export async function activatePerson(t: TestApp, options: NewPerson): Promise<Person> {
  const invited = await givenStaff(t.store, {
    status: 'invited', roles: options.roles, publicKey: null, ...(options.email ? { email: options.email } : {}),
  });
  for (const channelId of options.channels ?? []) {
    await t.store.channels.setMember({ channelId, staffId: invited.id, supervisor: options.supervisor ?? false });
  }
  const link = await issueActivationToken({ store: t.store, now: t.clock.now }, invited.id, 60 * 60 * 1000);
  return activateWith(t, link, invited.email);
}

export async function activateWith(t: TestApp, link: string, email: string): Promise<Person> {
  const start = await request(t.app).post('/api/v1/auth/activation').set(CSRF).send({ token: link }).expect(200);
  const totpSecret = base32Decode((start.body as { totp: { secret: string } }).totp.secret);
  const keypair = (await testCrypto()).x25519Keypair();
  const loginSecret = randomB64(32);
  const recoverySecret = randomB64(32);
  const keyBundle = fakeKeyBundle();
  const res = await request(t.app)
    .post('/api/v1/auth/activate')
    .set(CSRF)
    .send({ token: link, publicKey: b64(keypair.publicKey), keyBundle, loginSecret, recoveryLoginSecret: recoverySecret, totp: totpAt(totpSecret, t.clock.now().getTime()) })
    .expect(201);
  const body = res.body as { session: { token: string }; recoveryCodes: string[]; me: { id: string } };
  const staff = await t.store.staff.get(body.me.id);
  if (!staff) throw new Error('activation did not keep the account');
  return { staff, email, token: body.session.token, loginSecret, recoverySecret, totpSecret, recoveryCodes: body.recoveryCodes, keypair, keyBundle };
}

/** The current TOTP code; the clock moves to a fresh step first, since a step is accepted once. */
export function freshTotp(t: TestApp, person: Person): string {
  t.clock.advance(30_000);
  return totpAt(person.totpSecret, t.clock.now().getTime());
}

export async function signIn(t: TestApp, person: Person): Promise<string> {
  const res = await request(t.app)
    .post('/api/v1/auth/login')
    .set(CSRF)
    .send({ email: person.email, loginSecret: person.loginSecret, totp: freshTotp(t, person) })
    .expect(200);
  return (res.body as { session: { token: string } }).session.token;
}

/** supertest calls with the bearer token and the CSRF header a staff page sends */
export function as(t: TestApp, token: string) {
  const auth = { Authorization: `Bearer ${token}`, ...CSRF };
  return {
    get: (url: string) => request(t.app).get(url).set(auth),
    post: (url: string) => request(t.app).post(url).set(auth),
    put: (url: string) => request(t.app).put(url).set(auth),
    patch: (url: string) => request(t.app).patch(url).set(auth),
  };
}
