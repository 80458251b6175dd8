/**
 * Collections of staff sign-in and the case workflow around it (sessions, one-time tokens,
 * credentials, identity requests, case views), bound to the store's connection beside
 * mongo-models.ts. Tokens of every kind are stored as SHA-256 hashes, like on SQLite.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { StoredBytes } from './mongo-convert';

const options = { minimize: false, versionKey: false } as const;

export interface SessionDoc { _id: string; staffId: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date }
export interface TokenDoc { _id: string; purpose: string; staffId: string | null; createdAt: Date; expiresAt: Date }
export interface CredentialDoc {
  _id: string; recoveryHash: string | null; totpLastStep: number; failedLogins: number; lockedUntil: Date | null;
  /** keyed hashes of the unused recovery codes */
  recoveryCodes: string[];
}
export interface IdentityRequestDoc {
  _id: string; caseId: string; channelId: string; requesterId: string; reason: StoredBytes;
  custodianReasons: { custodianId: string; sealed: StoredBytes }[];
  createdAt: Date; status: string; decidedBy: string | null; decidedAt: Date | null;
}
export interface CaseViewDoc { staffId: string; caseId: string; viewedAt: Date }

const session = new Schema<SessionDoc>({ _id: String, staffId: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date }, options);
session.index({ staffId: 1 });

const token = new Schema<TokenDoc>({ _id: String, purpose: String, staffId: { type: String, default: null }, createdAt: Date, expiresAt: Date }, options);
token.index({ purpose: 1, staffId: 1 });

const credential = new Schema<CredentialDoc>({
  _id: String, recoveryHash: { type: String, default: null }, totpLastStep: { type: Number, default: 0 },
  failedLogins: { type: Number, default: 0 }, lockedUntil: { type: Date, default: null }, recoveryCodes: { type: [String], default: [] },
}, options);

const identityRequest = new Schema<IdentityRequestDoc>({
  _id: String, caseId: String, channelId: String, requesterId: String, reason: Buffer,
  custodianReasons: [new Schema({ custodianId: String, sealed: Buffer }, { _id: false, ...options })],
  createdAt: Date, status: String, decidedBy: { type: String, default: null }, decidedAt: { type: Date, default: null },
}, options);
identityRequest.index({ status: 1, createdAt: -1 });
identityRequest.index({ caseId: 1, createdAt: -1 });

const caseView = new Schema<CaseViewDoc>({ staffId: String, caseId: String, viewedAt: Date }, options);
caseView.index({ staffId: 1, caseId: 1 }, { unique: true });

export interface StaffAuthModels {
  sessions: Model<SessionDoc>;
  tokens: Model<TokenDoc>;
  credentials: Model<CredentialDoc>;
  identityRequests: Model<IdentityRequestDoc>;
  caseViews: Model<CaseViewDoc>;
}

export function bindStaffAuthModels(connection: Connection): StaffAuthModels {
  return {
    sessions: connection.model<SessionDoc>('StaffSession', session, 'staff_sessions'),
    tokens: connection.model<TokenDoc>('OneTimeToken', token, 'one_time_tokens'),
    credentials: connection.model<CredentialDoc>('StaffCredential', credential, 'staff_credentials'),
    identityRequests: connection.model<IdentityRequestDoc>('IdentityRequest', identityRequest, 'identity_requests'),
    caseViews: connection.model<CaseViewDoc>('CaseView', caseView, 'case_views'),
  };
}
