/**
 * Builders of store records with sensible defaults and random ids, for every test that
 * needs data. Each takes overrides; the async `given*` helpers also write the record and
 * whatever it depends on (a case needs its channel), so a test states only what matters.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { JOB_NAMES } from '../../server/jobs/job-names';
import type {
  CaseEvent, CaseRecord, CreateCaseInput, KeyKind, MessageRecord, NewCase, NewChannelRecord, NewJob, NewStaff, StaffRecord, Store,
  WrappedKey,
} from '../../server/ports/store.port';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Opaque bytes standing in for a ciphertext, a public key or a wrapped key. */
export const bytesOf = (length = 32): Uint8Array => new Uint8Array(randomBytes(length));

/** A date `offsetMs` from `base` (now by default). */
export const at = (offsetMs = 0, base = Date.now()): Date => new Date(base + offsetMs);

export type NewChannel = NewChannelRecord;

export function newChannel(overrides: Partial<NewChannel> = {}): NewChannel {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    slug: `channel-${id.slice(0, 8)}`,
    definition: { name: { en: 'Test channel', fr: 'Canal de test', ar: 'قناة تجريبية' }, categories: ['corruption', 'other'] },
    active: true,
    position: 0,
    ...overrides,
  };
}

export function newStaff(overrides: Partial<NewStaff> = {}): NewStaff {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    email: `officer-${id.slice(0, 8)}@commune.example`,
    displayName: `Officer ${id.slice(0, 4)}`,
    language: 'fr',
    department: null,
    status: 'active',
    roles: ['officer'],
    publicKey: bytesOf(32),
    keyBundle: null,
    loginHash: null,
    totpSecret: null,
    awayFrom: null,
    awayUntil: null,
    ...overrides,
  };
}

export function newCase(overrides: Partial<NewCase> = {}): NewCase {
  const createdAt = overrides.createdAt ?? at();
  return {
    id: randomUUID(),
    channelId: randomUUID(),
    category: 'corruption',
    language: 'ar',
    status: 'received',
    createdAt,
    ackDueAt: new Date(createdAt.getTime() + 7 * DAY_MS),
    feedbackDueAt: new Date(createdAt.getTime() + 90 * DAY_MS),
    receiptLookup: randomBytes(32).toString('hex'),
    reporterPublicKey: bytesOf(32),
    body: bytesOf(256),
    identity: null,
    questionnaireVersion: 1,
    ...overrides,
  };
}

export type KeyInput = Omit<WrappedKey, 'caseId' | 'createdAt'>;

export function newKey(recipient: string, kind: KeyKind = 'case', grantedBy: string | null = null): KeyInput {
  return { kind, recipient, wrapped: bytesOf(80), grantedBy };
}

export type EventInput = Omit<CaseEvent, 'caseId'>;

export function newEvent(overrides: Partial<EventInput> = {}): EventInput {
  return {
    id: randomUUID(),
    at: at(),
    kind: 'created',
    actorId: null,
    detail: {},
    sealed: null,
    visibleToReporter: false,
    ...overrides,
  };
}

export function newJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    id: `${JOB_NAMES.probe}:${randomUUID()}`,
    name: JOB_NAMES.probe,
    payload: { probeId: randomUUID() },
    runAt: at(),
    maxAttempts: 3,
    ...overrides,
  };
}

export function newMessage(caseId: string, overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    id: randomUUID(),
    caseId,
    author: 'reporter',
    kind: 'message',
    body: bytesOf(128),
    attachmentIds: [],
    createdAt: at(),
    ...overrides,
  };
}

/** A full createCase input: by default the reporter and each of `officers` hold the case key. */
export function newCaseInput(
  options: { case?: Partial<NewCase>; officers?: string[]; keys?: KeyInput[]; attachmentIds?: string[]; jobs?: NewJob[] } = {},
): CreateCaseInput {
  const record = newCase(options.case);
  return {
    case: record,
    keys: options.keys ?? [newKey('reporter'), ...(options.officers ?? []).map((id) => newKey(id))],
    attachmentIds: options.attachmentIds ?? [],
    event: newEvent({ at: record.createdAt, kind: 'created', detail: { channelId: record.channelId } }),
    jobs: options.jobs ?? [],
  };
}

export async function givenChannel(store: Store, overrides: Partial<NewChannel> = {}): Promise<NewChannel> {
  const channel = newChannel(overrides);
  await store.channels.upsert(channel);
  return channel;
}

export async function givenStaff(store: Store, overrides: Partial<NewStaff> = {}): Promise<StaffRecord> {
  return store.staff.create(newStaff(overrides));
}

/** Writes a case (and a channel for it unless `case.channelId` names one that exists). */
export async function givenCase(store: Store, options: Parameters<typeof newCaseInput>[0] = {}): Promise<CaseRecord> {
  const channelId = options.case?.channelId ?? (await givenChannel(store)).id;
  return store.cases.create(newCaseInput({ ...options, case: { ...options.case, channelId } }));
}

/** An attachment whose chunks have all arrived, ready to be claimed by a case or a message. */
export async function givenCompleteAttachment(store: Store, chunkCount = 2): Promise<string> {
  const id = randomUUID();
  await store.attachments.create({ id, chunkCount, size: chunkCount * 1024, createdAt: at() });
  for (let index = 0; index < chunkCount; index += 1) await store.attachments.chunkReceived(id, index);
  await store.attachments.markComplete(id, at());
  return id;
}
