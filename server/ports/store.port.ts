/**
 * The store port: every persistent record Amana keeps, and the atomic operations the
 * services need. Two adapters implement it (SQLite, MongoDB) and one contract suite
 * (test/contract/store.contract.ts) runs against both.
 *
 * Atomicity is expressed by compound operations (createCase writes the case, its wrapped
 * keys, its first event and its outbox jobs together) rather than by exposing transactions:
 * better-sqlite3 transactions are synchronous and mongoose's are session based, and a
 * service should not know which it runs on.
 *
 * Binary values (ciphertext, wrapped keys, public keys) are opaque bytes to the store.
 */
import type { JobName } from '../jobs/job-names';
import type { SettingsRepo, StatsRepo } from './stats.port';

export type Lang = 'ar' | 'fr' | 'en';
export type Role = 'admin' | 'officer' | 'committee' | 'custodian';
export type StaffStatus = 'invited' | 'active' | 'deactivated';
export type CaseStatus = 'received' | 'acknowledged' | 'investigating' | 'closed';
export type CaseOutcome = 'substantiated' | 'not_substantiated' | 'referred' | 'inadmissible';
export type KeyKind = 'case' | 'notes' | 'identity';
export type Bytes = Uint8Array;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/* ---------- channels ---------- */
export interface ChannelRecord {
  id: string;
  slug: string;
  /** localized names, descriptions, categories and questionnaire (shared/api channel schema) */
  definition: Json;
  active: boolean;
  position: number;
  /** the published questionnaire version reporters answer now (channel_versions) */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
/** One published definition of a channel; immutable once written. */
export interface ChannelVersionRecord {
  channelId: string;
  version: number;
  definition: Json;
  publishedAt: Date;
  publishedBy: string | null;
}
/** A channel as seeding, tests and creation write it; `version` defaults to 1. */
export type NewChannelRecord = Omit<ChannelRecord, 'createdAt' | 'updatedAt' | 'version'> & { version?: number };
/** An audit entry written in the same transaction as the change it records, at the change's time. */
export type AuditNote = Omit<AuditInput, 'at'>;
export interface ChannelMember {
  channelId: string;
  staffId: string;
  supervisor: boolean;
}

/* ---------- staff ---------- */
export interface StaffRecord {
  id: string;
  email: string;
  displayName: string;
  language: Lang;
  department: string | null;
  status: StaffStatus;
  roles: Role[];
  /** X25519 public key, set at activation */
  publicKey: Bytes | null;
  /** private key encrypted in the browser (password copy and recovery copy), opaque JSON */
  keyBundle: Json | null;
  /** Argon2id (argon2 package) hash of the login secret the browser derives */
  loginHash: string | null;
  /** TOTP secret, encrypted with a server key */
  totpSecret: Bytes | null;
  awayFrom: Date | null;
  awayUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
export type NewStaff = Omit<StaffRecord, 'createdAt' | 'updatedAt'>;
export type StaffPatch = Partial<Omit<StaffRecord, 'id' | 'createdAt' | 'updatedAt'>>;

/* ---------- cases ---------- */
export interface CaseRecord {
  id: string;
  channelId: string;
  category: string;
  language: Lang;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  createdAt: Date;
  acknowledgedAt: Date | null;
  firstFeedbackAt: Date | null;
  closedAt: Date | null;
  ackDueAt: Date;
  feedbackDueAt: Date;
  assigneeId: string | null;
  /** set when routing found nobody available and fell back to the supervisor */
  flagged: boolean;
  /** hex keyed hash of the reporter's login secret; unique */
  receiptLookup: string;
  reporterPublicKey: Bytes;
  /** versioned ciphertext envelope of the answers */
  body: Bytes;
  /** disclosed identity, sealed under the identity key; null when anonymous */
  identity: Bytes | null;
  labels: string[];
  lastReporterAccessAt: Date | null;
  /** crypto-shredded by retention: content and keys removed, metadata kept */
  purgedAt: Date | null;
  /** the channel questionnaire version the reporter answered (1 for cases filed before versions existed) */
  questionnaireVersion: number;
}
export type NewCase = Omit<
  CaseRecord,
  'purgedAt' | 'lastReporterAccessAt' | 'labels' | 'flagged' | 'assigneeId' | 'acknowledgedAt' | 'firstFeedbackAt' | 'closedAt' | 'outcome' | 'questionnaireVersion'
> & { questionnaireVersion?: number };

export interface WrappedKey {
  caseId: string;
  kind: KeyKind;
  /** 'reporter' or a staff id */
  recipient: string;
  /** sealed box of the key */
  wrapped: Bytes;
  grantedBy: string | null;
  createdAt: Date;
}

export type CaseEventKind = 'created' | 'status' | 'assigned' | 'grant' | 'transfer' | 'identity_request' | 'identity_decision' | 'purged';
export interface CaseEvent {
  id: string;
  caseId: string;
  at: Date;
  kind: CaseEventKind;
  actorId: string | null;
  /** clear metadata only (status, outcome, ids, role), never content */
  detail: Json;
  /** optional ciphertext (a reason), under the case key */
  sealed: Bytes | null;
  /** shown to the reporter on follow-up */
  visibleToReporter: boolean;
}

export interface MessageRecord {
  id: string;
  caseId: string;
  /** 'reporter' or a staff id */
  author: string;
  /** notes are sealed under the notes key, visible to staff only */
  kind: 'message' | 'note';
  body: Bytes;
  attachmentIds: string[];
  createdAt: Date;
}

export interface AttachmentRecord {
  id: string;
  /** null until the submission or message that carries it is committed */
  caseId: string | null;
  /** number of encrypted chunks the client announced */
  chunkCount: number;
  /** bytes of ciphertext announced */
  size: number;
  receivedChunks: number;
  status: 'uploading' | 'complete' | 'attached';
  createdAt: Date;
  completedAt: Date | null;
}

/* ---------- audit ---------- */
export interface AuditInput {
  at: Date;
  actorId: string | null;
  action: string;
  caseId: string | null;
  detail: Json;
}
export interface AuditEntry extends AuditInput {
  seq: number;
  prevHash: string;
  hash: string;
}

/* ---------- outbox / jobs ---------- */
export type JobStatus = 'pending' | 'running' | 'done' | 'dead';
export interface NewJob {
  /** deterministic: the same event always gives the same id, so it is enqueued once */
  id: string;
  name: JobName;
  /** ids only */
  payload: Json;
  runAt: Date;
  maxAttempts: number;
}
export interface JobRecord extends NewJob {
  status: JobStatus;
  attempts: number;
  lockedUntil: Date | null;
  lastError: string | null;
  /** set when the relay handed the job to BullMQ */
  relayedAt: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/* ---------- atomic operations ---------- */
export interface CreateCaseInput {
  case: NewCase;
  /**
   * a marker claimed in the same transaction (the submission's spent proof of work): a failed
   * submission does not burn it, and a second claim fails the whole create
   */
  marker?: { key: string; at: Date };
  keys: Omit<WrappedKey, 'caseId' | 'createdAt'>[];
  attachmentIds: string[];
  event: Omit<CaseEvent, 'caseId'>;
  jobs: NewJob[];
}

export interface InboxQuery {
  staffId: string;
  channelIds?: string[];
  statuses?: CaseStatus[];
  category?: string;
  sort: 'urgency' | 'newest' | 'oldest';
  /** opaque cursor from the previous page */
  cursor?: string;
  limit: number;
}
export interface InboxPage {
  items: CaseRecord[];
  nextCursor: string | null;
}

export interface ChannelPublish {
  slug: string;
  definition: Json;
  /** the version the administrator edited; VersionConflict (409) when it is no longer the current one */
  expectedVersion: number;
}

export interface ChannelRepo {
  list(): Promise<ChannelRecord[]>;
  get(id: string): Promise<ChannelRecord | null>;
  /**
   * For seeding and tests: inserts or replaces the channel row by id and records its
   * definition as its version when that version has no row yet. Administrators' changes
   * go through create and publish, which never rewrite a published version.
   */
  upsert(channel: NewChannelRecord): Promise<void>;
  /** channel (version 1), its version row and the audit entry, all or nothing; SlugTaken when the id or slug exists */
  create(channel: NewChannelRecord, publishedBy: string | null, at: Date, audit: AuditNote): Promise<ChannelRecord>;
  /** a new version (current + 1), the channel pointing at it and the audit entry, all or nothing; ChannelNotFound, VersionConflict, SlugTaken */
  publish(id: string, change: ChannelPublish, publishedBy: string | null, at: Date, audit: AuditNote): Promise<ChannelRecord>;
  setActive(id: string, active: boolean, at: Date, audit: AuditNote): Promise<ChannelRecord>;
  /** positions 0..n-1 in the order given; OrderMismatch unless `ids` are exactly the channels, each once */
  reorder(ids: string[], at: Date, audit: AuditNote): Promise<ChannelRecord[]>;
  /** oldest first */
  versions(channelId: string): Promise<ChannelVersionRecord[]>;
  version(channelId: string, version: number): Promise<ChannelVersionRecord | null>;
  /** cases filed per questionnaire version of the channel */
  casesByVersion(channelId: string): Promise<Map<number, number>>;
  members(channelId: string): Promise<ChannelMember[]>;
  setMember(member: ChannelMember): Promise<void>;
  removeMember(channelId: string, staffId: string): Promise<void>;
  channelsOf(staffId: string): Promise<ChannelMember[]>;
}

export interface StaffRepo {
  create(staff: NewStaff): Promise<StaffRecord>;
  get(id: string): Promise<StaffRecord | null>;
  /** case-insensitive */
  byEmail(email: string): Promise<StaffRecord | null>;
  list(): Promise<StaffRecord[]>;
  update(id: string, patch: StaffPatch): Promise<StaffRecord>;
  /** the update and its audit entry (at `at`) in one transaction; NotFound leaves both unwritten */
  updateAudited(id: string, patch: StaffPatch, at: Date, audit: AuditNote): Promise<StaffRecord>;
  /** whatever their status: an invited or deactivated staff member still counts */
  countByRole(role: Role): Promise<number>;
}

export interface CaseRepo {
  /**
   * case + keys + event + claims the attachments + outbox jobs, all or nothing. Each attachment
   * must be complete and unclaimed (else AttachmentNotFound, AttachmentIncomplete or Conflict);
   * jobs whose id exists are kept as they are.
   */
  create(input: CreateCaseInput): Promise<CaseRecord>;
  get(id: string): Promise<CaseRecord | null>;
  byReceiptLookup(lookup: string): Promise<CaseRecord | null>;
  /** patch metadata, append an event and enqueue jobs atomically; ReportNotFound for an unknown id */
  update(id: string, patch: Partial<Pick<CaseRecord, 'status' | 'outcome' | 'acknowledgedAt' | 'firstFeedbackAt' | 'closedAt' | 'assigneeId' | 'flagged' | 'labels' | 'lastReporterAccessAt'>>, event: Omit<CaseEvent, 'caseId'> | null, jobs: NewJob[]): Promise<CaseRecord>;
  keys(caseId: string): Promise<WrappedKey[]>;
  keysFor(caseId: string, recipient: string): Promise<WrappedKey[]>;
  /** adds wrapped keys (grant, identity disclosure) with its event, atomically; existing (caseId, kind, recipient) are kept; Conflict once purged */
  addKeys(caseId: string, keys: Omit<WrappedKey, 'caseId' | 'createdAt'>[], event: Omit<CaseEvent, 'caseId'>): Promise<void>;
  events(caseId: string): Promise<CaseEvent[]>;
  /** an empty channelIds or statuses matches nothing; a damaged cursor or one of another sort is a ValidationFailed */
  inbox(query: InboxQuery): Promise<InboxPage>;
  /** open (not closed) cases whose assignee is this staff member */
  openCountByAssignee(staffIds: string[]): Promise<Map<string, number>>;
  /**
   * crypto-shredding: removes body, identity, keys, messages, sealed event parts and attachment rows;
   * keeps metadata; records a 'purged' event; returns attachment ids whose blobs must go.
   * Purging a purged case changes nothing and returns [] (its jobs are still enqueued).
   */
  purge(id: string, at: Date, jobs: NewJob[]): Promise<string[]>;
  /** closed before the given date and not purged yet */
  closedBefore(date: Date, limit: number): Promise<string[]>;
}

export interface MessageRepo {
  /** message + claims its attachments + jobs, atomically; ReportNotFound, or Conflict once the case is purged */
  add(message: MessageRecord, jobs: NewJob[]): Promise<void>;
  list(caseId: string, kinds: MessageRecord['kind'][]): Promise<MessageRecord[]>;
}

export interface AttachmentRepo {
  create(attachment: Pick<AttachmentRecord, 'id' | 'chunkCount' | 'size' | 'createdAt'>): Promise<void>;
  get(id: string): Promise<AttachmentRecord | null>;
  /** records that chunk `index` (0 <= index < chunkCount) is stored; returns the count of distinct chunks received; ignored once complete */
  chunkReceived(id: string, index: number): Promise<number>;
  receivedIndexes(id: string): Promise<number[]>;
  /** idempotent; AttachmentIncomplete while chunks are missing */
  markComplete(id: string, at: Date): Promise<void>;
  listForCase(caseId: string): Promise<AttachmentRecord[]>;
  /** not attached to a case and created before the date */
  abandonedBefore(date: Date, limit: number): Promise<string[]>;
  delete(id: string): Promise<void>;
}

export interface AuditRepo {
  /** appends with the hash chain; serialized so concurrent appends never fork the chain */
  append(entry: AuditInput): Promise<AuditEntry>;
  /** in sequence order */
  list(query: { fromSeq?: number; limit: number; action?: string; actorId?: string; caseId?: string }): Promise<AuditEntry[]>;
}

/** What a runner holds after claim or renew; the attempt number tells its lease from a later claim's. */
export interface JobLease {
  attempts: number;
  lockedUntil: Date;
}

/** a position in the (runAt, id) order of the outbox */
export interface OutboxCursor {
  runAt: Date;
  id: string;
}

export interface OutboxRepo {
  /** standalone enqueue; ignored when a job with the same id exists */
  enqueue(jobs: NewJob[]): Promise<void>;
  get(id: string): Promise<JobRecord | null>;
  /**
   * leases up to `limit` due pending jobs (or running ones whose lease expired), incrementing
   * attempts; a running job whose lease expired after its last attempt becomes dead instead
   */
  claim(now: Date, limit: number, leaseMs: number): Promise<JobRecord[]>;
  /**
   * extends the lease of a job this runner still holds, to `lockedUntil`. `lease` is what the
   * runner claimed (or last renewed) with: the job must still be running with the same attempt
   * and lease end, so a completed, failed or re-claimed job (another runner took it after the
   * lease expired) returns false and keeps its state
   */
  renew(id: string, lease: JobLease, lockedUntil: Date): Promise<boolean>;
  complete(id: string, at: Date): Promise<void>;
  /** records a failed attempt; reschedules at `retryAt` or marks dead when attempts are exhausted; a job no longer running is returned unchanged */
  fail(id: string, error: string, retryAt: Date): Promise<JobRecord>;
  /** pending jobs not yet handed to BullMQ */
  unrelayed(limit: number): Promise<JobRecord[]>;
  markRelayed(ids: string[], at: Date): Promise<void>;
  /**
   * pending or running jobs already handed to BullMQ, ordered by (runAt, id) and starting after
   * `after`: the relay pages through them to find the ones Redis no longer holds
   */
  relayedOpen(after: OutboxCursor | null, limit: number): Promise<JobRecord[]>;
  /** BullMQ mode: the job's final state as the worker saw it */
  setStatus(id: string, status: JobStatus, error: string | null, at: Date): Promise<void>;
  dead(limit: number): Promise<JobRecord[]>;
  /** a dead job back to pending with fresh attempts */
  retry(id: string, now: Date): Promise<boolean>;
  /** pending (not done, not dead) count */
  depth(): Promise<number>;
}

/**
 * Idempotency markers: a handler stamps `key` when its effect happened (a mail sent),
 * and checks it first. `claim` is atomic: it returns true for exactly one caller.
 */
export interface MarkerRepo {
  claim(key: string, at: Date): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /**
   * deletes up to `limit` markers whose key starts with `prefix` (non-empty) and that were
   * claimed before `before`; returns how many went, so a caller repeats while it gets `limit`
   */
  deleteOlderThan(prefix: string, before: Date, limit: number): Promise<number>;
}

/**
 * Counters that decide lockouts, shared by every process on the store (login throttle of
 * addresses without an account, the global budget of wrong receipts). A key names what is
 * counted (`login:unknown:<email key>`, `receipt:global`), never a client address. A counter
 * whose `expiresAt` has passed counts as absent and starts again at 1 on the next hit.
 */
export interface LimitCount {
  count: number;
  /** the last hit */
  lastAt: Date;
  /** when the counter is forgotten */
  expiresAt: Date;
}

export interface LimitRepo {
  /**
   * adds one, atomically across processes. `fixed`: a new counter lives `windowMs` from its
   * first hit; `sliding`: every hit moves `expiresAt` to `now + windowMs`.
   */
  hit(key: string, now: Date, windowMs: number, mode: 'fixed' | 'sliding'): Promise<LimitCount>;
  /** the live counter, or null when there is none or it expired */
  get(key: string, now: Date): Promise<LimitCount | null>;
  /** forgets the counter */
  clear(key: string): Promise<void>;
  /** deletes up to `limit` expired counters; returns how many went */
  deleteExpired(now: Date, limit: number): Promise<number>;
}

/* ---------- staff sign-in, one-time links, identity requests, case views ---------- */
export interface SessionRecord {
  /** SHA-256 hex of the bearer token; the token itself is never stored */
  tokenHash: string;
  staffId: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** absolute end, however active the session */
  expiresAt: Date;
}

export interface SessionRepo {
  create(session: SessionRecord): Promise<void>;
  getByHash(tokenHash: string): Promise<SessionRecord | null>;
  touch(tokenHash: string, at: Date): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** signs a staff member out everywhere, except the session `exceptHash` when given; returns how many ended */
  deleteAllFor(staffId: string, exceptHash?: string): Promise<number>;
}

export type TokenPurpose = 'setup' | 'activation' | 'recovery';
export interface OneTimeToken {
  /** SHA-256 hex of the token */
  tokenHash: string;
  purpose: TokenPurpose;
  /** null for the setup link, which exists before any staff member */
  staffId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface TokenRepo {
  /** ignored when the hash exists, so a retried invitation that re-derives its token keeps the first expiry */
  create(token: OneTimeToken): Promise<void>;
  /** the token if it exists for this purpose and has not expired, without using it */
  peek(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<OneTimeToken | null>;
  /** removes and returns the unexpired token; of concurrent callers exactly one gets it */
  consume(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<OneTimeToken | null>;
  /** removes a purpose's tokens for one staff member (or the staff-less ones when null), except `exceptHash` */
  revoke(purpose: TokenPurpose, staffId: string | null, exceptHash?: string): Promise<void>;
}

/** Sign-in state kept beside the staff record: second factors and failed attempts. */
export interface StaffCredentials {
  staffId: string;
  /** Argon2id hash of the login secret derived from the recovery key */
  recoveryHash: string | null;
  /** the last TOTP time step accepted; a code of this step or an older one is a replay */
  totpLastStep: number;
  failedLogins: number;
  lockedUntil: Date | null;
}

export interface CredentialRepo {
  /** defaults (no recovery hash, step 0, no failures) when nothing was recorded */
  get(staffId: string): Promise<StaffCredentials>;
  /** at activation: the recovery hash, fresh hashed recovery codes and the step of the code just used */
  enrol(staffId: string, recoveryHash: string, recoveryCodeHashes: string[], totpStep: number): Promise<void>;
  /** raises the last used step to `step` if it is newer; false (and no change) for a replay */
  useTotpStep(staffId: string, step: number): Promise<boolean>;
  /** deletes one recovery code by hash; true for exactly one caller */
  useRecoveryCode(staffId: string, codeHash: string): Promise<boolean>;
  remainingRecoveryCodes(staffId: string): Promise<number>;
  /** counts a failed sign-in atomically and returns the new count */
  recordFailure(staffId: string): Promise<number>;
  lockUntil(staffId: string, until: Date): Promise<void>;
  clearFailures(staffId: string): Promise<void>;
}

export type IdentityRequestStatus = 'pending' | 'approved' | 'refused';
export interface IdentityRequestRecord {
  id: string;
  caseId: string;
  channelId: string;
  requesterId: string;
  /** the officer's reason under the case key */
  reason: Bytes;
  /** the same reason sealed to each custodian */
  custodianReasons: { custodianId: string; sealed: Bytes }[];
  createdAt: Date;
  status: IdentityRequestStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface IdentityRequestRepo {
  /** the request and its jobs (the custodians' mails) are one atomic write */
  create(request: Omit<IdentityRequestRecord, 'status' | 'decidedBy' | 'decidedAt'>, jobs: NewJob[]): Promise<void>;
  get(id: string): Promise<IdentityRequestRecord | null>;
  /** newest first */
  list(query: { status?: IdentityRequestStatus; caseId?: string; limit: number }): Promise<IdentityRequestRecord[]>;
  /** pending to decided; false when it was no longer pending (another custodian decided first) */
  decide(id: string, status: Exclude<IdentityRequestStatus, 'pending'>, custodianId: string, at: Date): Promise<boolean>;
}

/** When each staff member last opened each case, for the inbox's unread counts. */
export interface CaseViewRepo {
  markViewed(caseId: string, staffId: string, at: Date): Promise<void>;
  /** per case: reporter messages created after the staff member's last view (all of them if never opened) */
  unreadCounts(staffId: string, caseIds: string[]): Promise<Map<string, number>>;
}

/** Installation settings, plus the administrators' writes that commit with their audit entry. */
export interface AuditedSettingsRepo extends SettingsRepo {
  /** sets the value and appends the audit entry in one transaction */
  setAudited(key: string, value: Json, at: Date, audit: AuditNote): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  channels: ChannelRepo;
  staff: StaffRepo;
  cases: CaseRepo;
  messages: MessageRepo;
  attachments: AttachmentRepo;
  audit: AuditRepo;
  outbox: OutboxRepo;
  markers: MarkerRepo;
  /** lockout counters every process shares */
  limits: LimitRepo;
  sessions: SessionRepo;
  tokens: TokenRepo;
  credentials: CredentialRepo;
  identityRequests: IdentityRequestRepo;
  caseViews: CaseViewRepo;
  /** aggregates for the committee and the transparency page (stats.port.ts) */
  stats: StatsRepo;
  settings: AuditedSettingsRepo;
  /** throws when the database cannot answer */
  ping(): Promise<void>;
  close(): Promise<void>;
}
