/**
 * Collections of the MongoDB store, their documents and indexes. Ids are the port's string
 * ids (`_id: String`), dates are BSON dates, bytes are BSON binary, JSON is Mixed.
 * `minimize: false` keeps empty objects: an audit detail `{}` must read back as `{}` or its
 * hash would no longer match. Mixed fields are typed `unknown` here (mongoose's schema types
 * recurse without end on the port's Json type) and become Json again in mongo-convert.ts.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { StoredBytes } from './mongo-convert';

const options = { minimize: false, versionKey: false } as const;
const nullableDate = { type: Date, default: null };
const nullableString = { type: String, default: null };

export interface ChannelDoc { _id: string; slug: string; definition: unknown; active: boolean; position: number; version: number; createdAt: Date; updatedAt: Date }
export interface MemberDoc { channelId: string; staffId: string; supervisor: boolean }
export interface StaffDoc {
  _id: string; email: string; emailKey: string; displayName: string; language: string; department: string | null; status: string;
  roles: string[]; publicKey: StoredBytes | null; keyBundle: unknown; loginHash: string | null; totpSecret: StoredBytes | null;
  awayFrom: Date | null; awayUntil: Date | null; createdAt: Date; updatedAt: Date;
}
export interface CaseDoc {
  _id: string; channelId: string; category: string; language: string; status: string; outcome: string | null; createdAt: Date;
  acknowledgedAt: Date | null; firstFeedbackAt: Date | null; closedAt: Date | null; ackDueAt: Date; feedbackDueAt: Date;
  /** inbox sort key, see inbox-order.ts */
  urgencyAt: number;
  assigneeId: string | null; flagged: boolean; receiptLookup: string; reporterPublicKey: StoredBytes; body: StoredBytes;
  identity: StoredBytes | null; labels: string[]; lastReporterAccessAt: Date | null; purgedAt: Date | null;
  /** absent on cases stored before questionnaire versions: read as 1 */
  questionnaireVersion?: number;
  /** staff ids holding the case key: the inbox's multikey index */
  readers: string[];
}
export interface KeyDoc { caseId: string; kind: string; recipient: string; wrapped: StoredBytes; grantedBy: string | null; createdAt: Date }
export interface EventDoc { _id: string; caseId: string; at: Date; kind: string; actorId: string | null; detail: unknown; sealed: StoredBytes | null; visibleToReporter: boolean }
export interface MessageDoc { _id: string; caseId: string; author: string; kind: string; body: StoredBytes; attachmentIds: string[]; createdAt: Date }
export interface AttachmentDoc {
  _id: string; caseId: string | null; chunkCount: number; size: number; receivedChunks: number; chunks: number[]; status: string;
  createdAt: Date; completedAt: Date | null;
}
export interface AuditDoc { seq: number; at: Date; actorId: string | null; action: string; caseId: string | null; detail: unknown; prevHash: string; hash: string }
export interface CounterDoc { _id: string; seq: number }
export interface JobDoc {
  _id: string; name: string; payload: unknown; runAt: Date; maxAttempts: number; status: string; attempts: number; lockedUntil: Date | null;
  lastError: string | null; relayedAt: Date | null; createdAt: Date; finishedAt: Date | null;
}
export interface MarkerDoc { _id: string; at: Date }

const channel = new Schema<ChannelDoc>({
  _id: String, slug: { type: String, required: true, unique: true }, definition: { type: Schema.Types.Mixed, required: true },
  active: Boolean, position: Number, version: { type: Number, default: 1 }, createdAt: Date, updatedAt: Date,
}, options);

const member = new Schema<MemberDoc>({ channelId: String, staffId: String, supervisor: Boolean }, options);
member.index({ channelId: 1, staffId: 1 }, { unique: true });
member.index({ staffId: 1 });

const staff = new Schema<StaffDoc>({
  _id: String, email: String, emailKey: { type: String, required: true, unique: true }, displayName: String, language: String,
  department: nullableString, status: String, roles: [String], publicKey: { type: Buffer, default: null },
  keyBundle: { type: Schema.Types.Mixed, default: null }, loginHash: nullableString, totpSecret: { type: Buffer, default: null },
  awayFrom: nullableDate, awayUntil: nullableDate, createdAt: Date, updatedAt: Date,
}, options);
staff.index({ roles: 1 });

const caseSchema = new Schema<CaseDoc>({
  _id: String, channelId: String, category: String, language: String, status: String, outcome: nullableString, createdAt: Date,
  acknowledgedAt: nullableDate, firstFeedbackAt: nullableDate, closedAt: nullableDate, ackDueAt: Date, feedbackDueAt: Date,
  urgencyAt: Number, assigneeId: nullableString, flagged: Boolean, receiptLookup: { type: String, required: true },
  reporterPublicKey: Buffer, body: Buffer, identity: { type: Buffer, default: null }, labels: [String],
  lastReporterAccessAt: nullableDate, purgedAt: nullableDate, questionnaireVersion: { type: Number, default: 1 }, readers: [String],
}, options);
caseSchema.index({ receiptLookup: 1 }, { unique: true });
// The inbox walks one of these in order and stops after `limit` documents.
caseSchema.index({ readers: 1, urgencyAt: 1, _id: 1 });
caseSchema.index({ readers: 1, createdAt: 1, _id: 1 });
caseSchema.index({ readers: 1, status: 1, urgencyAt: 1, _id: 1 });
caseSchema.index({ assigneeId: 1, status: 1 });
// closedBefore (retention): equality on status, range and sort on closedAt, _id breaking ties.
caseSchema.index({ status: 1, closedAt: 1, _id: 1 });
// Statistics (mongo-stats.repo.ts): a period of one channel or all, and the few cases not answered or not closed yet.
caseSchema.index({ createdAt: 1, channelId: 1, category: 1, status: 1, outcome: 1 });
caseSchema.index({ acknowledgedAt: 1, createdAt: 1 });
caseSchema.index({ firstFeedbackAt: 1, closedAt: 1, createdAt: 1 });
caseSchema.index({ status: 1, createdAt: 1 });

const key = new Schema<KeyDoc>({ caseId: String, kind: String, recipient: String, wrapped: Buffer, grantedBy: nullableString, createdAt: Date }, options);
key.index({ caseId: 1, kind: 1, recipient: 1 }, { unique: true });

const event = new Schema<EventDoc>({
  _id: String, caseId: String, at: Date, kind: String, actorId: nullableString, detail: { type: Schema.Types.Mixed, default: null },
  sealed: { type: Buffer, default: null }, visibleToReporter: Boolean,
}, options);
event.index({ caseId: 1, at: 1, _id: 1 });

const message = new Schema<MessageDoc>({ _id: String, caseId: String, author: String, kind: String, body: Buffer, attachmentIds: [String], createdAt: Date }, options);
message.index({ caseId: 1, createdAt: 1, _id: 1 });

const attachment = new Schema<AttachmentDoc>({
  _id: String, caseId: nullableString, chunkCount: Number, size: Number, receivedChunks: Number, chunks: [Number], status: String,
  createdAt: Date, completedAt: nullableDate,
}, options);
attachment.index({ caseId: 1, createdAt: 1 });

const audit = new Schema<AuditDoc>({
  seq: { type: Number, required: true }, at: Date, actorId: nullableString, action: String, caseId: nullableString,
  detail: { type: Schema.Types.Mixed, default: null }, prevHash: String, hash: String,
}, options);
audit.index({ seq: 1 }, { unique: true });
audit.index({ action: 1, seq: 1 });
audit.index({ actorId: 1, seq: 1 });
audit.index({ caseId: 1, seq: 1 });

const counter = new Schema<CounterDoc>({ _id: String, seq: Number }, options);

const job = new Schema<JobDoc>({
  _id: String, name: String, payload: { type: Schema.Types.Mixed, default: null }, runAt: Date, maxAttempts: Number, status: String,
  attempts: Number, lockedUntil: nullableDate, lastError: nullableString, relayedAt: nullableDate, createdAt: Date, finishedAt: nullableDate,
}, options);
// Every sort ends on _id, so ties come out of the index in order instead of a blocking sort:
// claim (each $or branch is an equality on status, merged in runAt, _id order) and relayedOpen
// (status $in, merged the same way);
job.index({ status: 1, runAt: 1, _id: 1 });
// the sweep of expired leases;
job.index({ status: 1, lockedUntil: 1 });
// unrelayed (status and relayedAt: null are equalities);
job.index({ status: 1, relayedAt: 1, runAt: 1, _id: 1 });
// dead, newest first.
job.index({ status: 1, finishedAt: -1, _id: 1 });

const marker = new Schema<MarkerDoc>({ _id: String, at: Date }, options);

export interface Models {
  channels: Model<ChannelDoc>;
  members: Model<MemberDoc>;
  staff: Model<StaffDoc>;
  cases: Model<CaseDoc>;
  keys: Model<KeyDoc>;
  events: Model<EventDoc>;
  messages: Model<MessageDoc>;
  attachments: Model<AttachmentDoc>;
  audit: Model<AuditDoc>;
  counters: Model<CounterDoc>;
  jobs: Model<JobDoc>;
  markers: Model<MarkerDoc>;
}

/** Models bound to this connection (not the global mongoose), so tests may open several stores. */
export function bindModels(connection: Connection): Models {
  return {
    channels: connection.model<ChannelDoc>('Channel', channel, 'channels'),
    members: connection.model<MemberDoc>('ChannelMember', member, 'channel_members'),
    staff: connection.model<StaffDoc>('Staff', staff, 'staff'),
    cases: connection.model<CaseDoc>('Case', caseSchema, 'cases'),
    keys: connection.model<KeyDoc>('CaseKey', key, 'case_keys'),
    events: connection.model<EventDoc>('CaseEvent', event, 'case_events'),
    messages: connection.model<MessageDoc>('Message', message, 'messages'),
    attachments: connection.model<AttachmentDoc>('Attachment', attachment, 'attachments'),
    audit: connection.model<AuditDoc>('AuditEntry', audit, 'audit_log'),
    counters: connection.model<CounterDoc>('Counter', counter, 'counters'),
    jobs: connection.model<JobDoc>('Job', job, 'outbox'),
    markers: connection.model<MarkerDoc>('Marker', marker, 'markers'),
  };
}
