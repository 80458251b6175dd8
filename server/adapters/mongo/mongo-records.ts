/**
 * Documents to port records. The casts name enumerations that only this store writes,
 * from the port's own union types.
 */
import type { JobName } from '../../jobs/job-names';
import type {
  AttachmentRecord, AuditEntry, CaseEvent, CaseEventKind, CaseOutcome, CaseRecord, CaseStatus, ChannelMember, ChannelRecord, JobRecord,
  JobStatus, KeyKind, Lang, MessageRecord, Role, StaffRecord, StaffStatus, WrappedKey,
} from '../../ports/store.port';
import { orNull, toBytes, toBytesOrNull, toJson } from './mongo-convert';
import type { AttachmentDoc, AuditDoc, CaseDoc, ChannelDoc, EventDoc, JobDoc, KeyDoc, MemberDoc, MessageDoc, StaffDoc } from './mongo-models';

export const toChannel = (d: ChannelDoc): ChannelRecord => ({
  id: d._id, slug: d.slug, definition: toJson(d.definition), active: d.active, position: d.position, version: d.version ?? 1,
  createdAt: d.createdAt, updatedAt: d.updatedAt,
});

export const toMember = (d: MemberDoc): ChannelMember => ({ channelId: d.channelId, staffId: d.staffId, supervisor: d.supervisor });

export const toStaff = (d: StaffDoc): StaffRecord => ({
  id: d._id,
  email: d.email,
  displayName: d.displayName,
  language: d.language as Lang,
  department: orNull(d.department),
  status: d.status as StaffStatus,
  roles: d.roles as Role[],
  publicKey: toBytesOrNull(d.publicKey),
  keyBundle: toJson(d.keyBundle),
  loginHash: orNull(d.loginHash),
  totpSecret: toBytesOrNull(d.totpSecret),
  awayFrom: orNull(d.awayFrom),
  awayUntil: orNull(d.awayUntil),
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export const toCase = (d: CaseDoc): CaseRecord => ({
  id: d._id,
  channelId: d.channelId,
  category: d.category,
  language: d.language as Lang,
  status: d.status as CaseStatus,
  outcome: orNull(d.outcome) as CaseOutcome | null,
  createdAt: d.createdAt,
  acknowledgedAt: orNull(d.acknowledgedAt),
  firstFeedbackAt: orNull(d.firstFeedbackAt),
  closedAt: orNull(d.closedAt),
  ackDueAt: d.ackDueAt,
  feedbackDueAt: d.feedbackDueAt,
  assigneeId: orNull(d.assigneeId),
  flagged: d.flagged,
  receiptLookup: d.receiptLookup,
  reporterPublicKey: toBytes(d.reporterPublicKey),
  body: toBytes(d.body),
  identity: toBytesOrNull(d.identity),
  labels: d.labels,
  lastReporterAccessAt: orNull(d.lastReporterAccessAt),
  purgedAt: orNull(d.purgedAt),
  questionnaireVersion: d.questionnaireVersion ?? 1,
});

export const toKey = (d: KeyDoc): WrappedKey => ({
  caseId: d.caseId, kind: d.kind as KeyKind, recipient: d.recipient, wrapped: toBytes(d.wrapped), grantedBy: orNull(d.grantedBy), createdAt: d.createdAt,
});

export const toEvent = (d: EventDoc): CaseEvent => ({
  id: d._id,
  caseId: d.caseId,
  at: d.at,
  kind: d.kind as CaseEventKind,
  actorId: orNull(d.actorId),
  detail: toJson(d.detail),
  sealed: toBytesOrNull(d.sealed),
  visibleToReporter: d.visibleToReporter,
});

export const toMessage = (d: MessageDoc): MessageRecord => ({
  id: d._id, caseId: d.caseId, author: d.author, kind: d.kind as MessageRecord['kind'], body: toBytes(d.body), attachmentIds: d.attachmentIds, createdAt: d.createdAt,
});

export const toAttachment = (d: AttachmentDoc): AttachmentRecord => ({
  id: d._id,
  caseId: orNull(d.caseId),
  chunkCount: d.chunkCount,
  size: d.size,
  receivedChunks: d.receivedChunks,
  status: d.status as AttachmentRecord['status'],
  createdAt: d.createdAt,
  completedAt: orNull(d.completedAt),
});

export const toAudit = (d: AuditDoc): AuditEntry => ({
  seq: d.seq, at: d.at, actorId: orNull(d.actorId), action: d.action, caseId: orNull(d.caseId), detail: toJson(d.detail), prevHash: d.prevHash, hash: d.hash,
});

export const toJob = (d: JobDoc): JobRecord => ({
  id: d._id,
  name: d.name as JobName,
  payload: toJson(d.payload),
  runAt: d.runAt,
  maxAttempts: d.maxAttempts,
  status: d.status as JobStatus,
  attempts: d.attempts,
  lockedUntil: orNull(d.lockedUntil),
  lastError: orNull(d.lastError),
  relayedAt: orNull(d.relayedAt),
  createdAt: d.createdAt,
  finishedAt: orNull(d.finishedAt),
});
