/**
 * The staff side of the HTTP API, part one: first setup, activation, sign-in, recovery,
 * the staff member's own settings and the administrators' staff management. Part two
 * (inbox, case page, custodians, audit) is staff-case.schema.ts, re-exported below.
 *
 * The password never leaves the browser: Argon2id(password, kdfSalt) gives a key that
 * encrypts the private key and a separate `loginSecret`; only the latter is sent, and the
 * server keeps an Argon2id hash of it. The recovery key shown once at activation works the
 * same way with its own salt, `recoveryLoginSecret` and the second copy of the private key.
 *
 * Every state-changing request carries the header `X-Amana-CSRF: 1`; signed-in requests
 * carry `Authorization: Bearer <session token>`.
 */
import { z } from 'zod';
import { CIPHERTEXT_RULES } from '../crypto/envelope-check';
import { b64, ciphertext, id, lang } from './common.schema';

export const STAFF_ROLES = ['admin', 'officer', 'committee', 'custodian'] as const;
export const staffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRole>;

export const CSRF_HEADER = 'X-Amana-CSRF';

export const staffEmail = z.string().trim().min(3).max(254).regex(/^[^\s@<>]+@[^\s@<>]+$/, 'must be an e-mail address');
export const displayName = z.string().trim().min(1).max(100);
export const department = z.string().trim().min(1).max(100).nullable();
/** one-time tokens travel in the page's #fragment, then in a request body, never in a URL path */
export const oneTimeToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a token');
export const loginSecret = b64(32, 32);
export const totpCode = z.string().regex(/^\d{6}$/, 'must be 6 digits');
/** 10 characters from the recovery-code alphabet, an optional dash in the middle */
export const recoveryCode = z.string().trim().regex(/^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/, 'must be a recovery code');

export const kdfParams = z.object({ memKiB: z.number().int().min(8 * 1024).max(4 * 1024 * 1024), passes: z.number().int().min(1).max(64) }).strict();
export type KdfParams = z.infer<typeof kdfParams>;

/** The private key, stored only encrypted: the password copy and the recovery copy. */
export const keyBundle = z
  .object({
    v: z.literal(1),
    kdfSalt: b64(16, 16),
    kdfParams,
    /** envelope type 'private-key', context 'password' */
    password: ciphertext(CIPHERTEXT_RULES.privateKey),
    recoverySalt: b64(16, 16),
    /** envelope type 'private-key', context 'recovery' */
    recovery: ciphertext(CIPHERTEXT_RULES.privateKey),
  })
  .strict();
export type KeyBundle = z.infer<typeof keyBundle>;

export const channelMembership = z.object({ channelId: id, supervisor: z.boolean() }).strict();
export type ChannelMembership = z.infer<typeof channelMembership>;

/* ---------- first setup and activation ---------- */
export const setupRequest = z.object({ token: oneTimeToken, email: staffEmail, displayName, language: lang }).strict();
export type SetupRequest = z.infer<typeof setupRequest>;
/** the setup page continues straight into activation with this token */
export interface SetupResponse {
  activationToken: string;
}

export const activationStartRequest = z.object({ token: oneTimeToken }).strict();
export interface ActivationStartResponse {
  staffId: string;
  email: string;
  displayName: string;
  language: z.infer<typeof lang>;
  roles: StaffRole[];
  /** the weakest parameters the server accepts for the password derivation */
  kdfParams: KdfParams;
  /** shown once: a new secret replaces it if the page is opened again before activation */
  totp: { secret: string; uri: string };
}

export const activateRequest = z
  .object({
    token: oneTimeToken,
    publicKey: ciphertext(CIPHERTEXT_RULES.publicKey),
    keyBundle,
    loginSecret,
    recoveryLoginSecret: loginSecret,
    /** a current code of the secret from activation start, proving the authenticator works */
    totp: totpCode,
  })
  .strict();
export type ActivateRequest = z.infer<typeof activateRequest>;

/* ---------- sign-in ---------- */
export const preloginRequest = z.object({ email: staffEmail }).strict();
/** Unknown, invited and deactivated accounts get deterministic values of the same shape. */
export interface PreloginResponse {
  kdfSalt: string;
  kdfParams: KdfParams;
  recoverySalt: string;
}

const secondFactor = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...shape, totp: totpCode.optional(), recoveryCode: recoveryCode.optional() })
    .strict()
    .refine((v) => (v.totp === undefined) !== (v.recoveryCode === undefined), { message: 'give exactly one of totp and recoveryCode', path: ['totp'] });

export const loginRequest = secondFactor({ email: staffEmail, loginSecret });
export type LoginRequest = z.infer<typeof loginRequest>;

export interface SessionInfo {
  token: string;
  /** absolute end of the session */
  expiresAt: string;
  /** the session also ends after this long without a request */
  idleTimeoutSeconds: number;
}

export interface StaffProfile {
  id: string;
  email: string;
  displayName: string;
  language: z.infer<typeof lang>;
  department: string | null;
  roles: StaffRole[];
  channels: ChannelMembership[];
  awayFrom: string | null;
  awayUntil: string | null;
  recoveryCodesLeft: number;
}

export interface StaffSignIn {
  session: SessionInfo;
  me: StaffProfile;
  publicKey: string;
  keyBundle: KeyBundle;
}

export interface ActivateResponse extends StaffSignIn {
  /** shown once; each opens one sign-in in place of a TOTP code */
  recoveryCodes: string[];
}

/** Step one of recovery: the recovery key's login proof plus a second factor. */
export const recoveryRequest = secondFactor({ email: staffEmail, recoveryLoginSecret: loginSecret });
export type RecoveryRequest = z.infer<typeof recoveryRequest>;
export interface RecoveryStartResponse {
  /** one-time, 15 minutes: completes the recovery */
  recoveryToken: string;
  publicKey: string;
  keyBundle: KeyBundle;
}
/** Step two: a new password (its salt and login secret) and the private key re-encrypted under it. */
export const recoveryCompleteRequest = z.object({ recoveryToken: oneTimeToken, loginSecret, keyBundle }).strict();

/* ---------- the signed-in staff member ---------- */
export const passwordChangeRequest = z.object({ currentLoginSecret: loginSecret, loginSecret, keyBundle }).strict();
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequest>;

const isoDate = z.string().datetime({ offset: true });
export const mePatchRequest = z
  .object({ language: lang.optional(), awayFrom: isoDate.nullable().optional(), awayUntil: isoDate.nullable().optional() })
  .strict()
  .refine((v) => !(v.awayFrom && v.awayUntil) || Date.parse(v.awayFrom) < Date.parse(v.awayUntil), { message: 'must be after awayFrom', path: ['awayUntil'] });
export type MePatchRequest = z.infer<typeof mePatchRequest>;

/* ---------- administrators: staff accounts ---------- */
const roles = z.array(staffRole).min(1).max(4).refine((r) => new Set(r).size === r.length, 'must not repeat a role');
const channels = z.array(channelMembership).max(100).refine((c) => new Set(c.map((m) => m.channelId)).size === c.length, 'must not repeat a channel');

export const staffInviteRequest = z.object({ email: staffEmail, displayName, language: lang, department: department.default(null), roles, channels: channels.default([]) }).strict();
export type StaffInviteRequest = z.infer<typeof staffInviteRequest>;

/** Roles and channel membership are set together: channel membership only means something to officers. */
export const staffAccessRequest = z.object({ roles, department, channels }).strict();
export type StaffAccessRequest = z.infer<typeof staffAccessRequest>;

export interface StaffSummary {
  id: string;
  email: string;
  displayName: string;
  language: z.infer<typeof lang>;
  department: string | null;
  status: 'invited' | 'active' | 'deactivated';
  roles: StaffRole[];
  channels: ChannelMembership[];
  /** the absence an administrator or the officer recorded (ISO dates), null when none */
  awayFrom: string | null;
  awayUntil: string | null;
  createdAt: string;
}

export * from './staff-case.schema';
