/**
 * An anonymous report arrives: ciphertext, wrapped keys and the clear metadata DESIGN.md
 * allows. Every check runs before the first write; then the case, its keys, its first event,
 * the claim of its attachments and its three jobs (route, acknowledge-by, feedback-by) are
 * one store transaction, so a crash can lose the whole report but never half of it.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config';
import type { SubmitReport, SubmitReportResponse } from '../../shared/api/report.schema';
import { CategoryUnknown, ChannelNotFound, ChannelUnavailable, IdentityNotAllowed, ProofOfWorkInvalid, ReceiptCollision } from '../errors';
import { newJob } from '../jobs/job-defaults';
import { JOB_NAMES, type JobName } from '../jobs/job-names';
import type { JobRunner } from '../ports/jobs.port';
import type { CreateCaseInput, NewJob, Store } from '../ports/store.port';
import { channelOfficers, definitionOf, isReadyCustodian } from './channel-recipients';
import { checkClaimable } from './claimable-attachments';
import type { ProofOfWork } from './proof-of-work';
import { receiptLookup } from './receipt-lookup';
import { checkReportKeys } from './report-keys';
import { replayOf } from './submission-replay';

export interface SubmitReportDeps {
  store: Store;
  config: Config;
  pow: ProofOfWork;
  jobs: JobRunner;
  now: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

export async function submitReport(deps: SubmitReportDeps, input: SubmitReport): Promise<SubmitReportResponse> {
  const { store, config } = deps;
  const now = deps.now();
  // Cheap and stateless, so unsolved requests cost no database work.
  const pow = await deps.pow.check(input.pow, now);
  const lookup = receiptLookup(config.secrets.serverPepper, input.loginSecret);
  // A spent proof of work is refused before anything can depend on the receipt: only a
  // byte-identical retry of the submission that spent it gets its original answer back.
  if (await deps.pow.spent(pow)) return (await replayOf(store, lookup, input)) ?? refuseUsed();

  const channel = await store.channels.get(input.channelId);
  const definition = channel?.active ? definitionOf(channel) : null;
  if (!channel || !definition) throw ChannelNotFound();
  if (!definition.categories.some((c) => c.id === input.category)) throw CategoryUnknown();
  const staff = await store.staff.list();
  const officers = await channelOfficers(store, channel.id, staff);
  if (officers.length === 0) throw ChannelUnavailable();
  if (input.identity !== null && !definition.allowIdentity) throw IdentityNotAllowed();
  checkReportKeys(input.keys, {
    officerIds: new Set(officers.map((o) => o.staff.id)),
    custodianIds: new Set(staff.filter(isReadyCustodian).map((s) => s.id)),
    identity: input.identity !== null,
  });
  // A retry with a fresh proof of work after a lost answer: its attachments are already this case's.
  const replay = await replayOf(store, lookup, input);
  if (replay) return replay;
  await checkClaimable(store, input.attachmentIds, config.limits.attachmentsPerReport);
  if (await store.cases.byReceiptLookup(lookup)) {
    // Each receipt tested this way costs a proof of work, as a stored report would.
    await deps.pow.claim(pow, now).catch(() => undefined);
    throw ReceiptCollision();
  }

  const caseId = randomUUID();
  const ackDueAt = new Date(now.getTime() + config.deadlines.acknowledgeDays * DAY_MS);
  const feedbackDueAt = new Date(now.getTime() + config.deadlines.feedbackDays * DAY_MS);
  const job = (name: JobName, runAt: Date): NewJob => newJob(name, [caseId], { caseId }, runAt);
  const created = await createOnce(store, lookup, input, {
    marker: { key: pow.marker, at: now },
    case: {
      id: caseId,
      channelId: channel.id,
      category: input.category,
      language: input.language,
      status: 'received',
      createdAt: now,
      ackDueAt,
      feedbackDueAt,
      receiptLookup: lookup,
      reporterPublicKey: bytes(input.reporterPublicKey),
      body: bytes(input.body),
      identity: input.identity === null ? null : bytes(input.identity),
    },
    keys: input.keys.map((k) => ({ kind: k.kind, recipient: k.recipient, wrapped: bytes(k.wrapped), grantedBy: null })),
    attachmentIds: input.attachmentIds,
    event: { id: randomUUID(), at: now, kind: 'created', actorId: null, detail: {}, sealed: null, visibleToReporter: true },
    jobs: [job(JOB_NAMES.routeCase, now), job(JOB_NAMES.deadlineAck, ackDueAt), job(JOB_NAMES.deadlineFeedback, feedbackDueAt)],
  });
  if (created === 'stored') deps.jobs.wake();
  return created === 'stored' ? { status: 'received', acknowledgeBy: ackDueAt.toISOString(), feedbackBy: feedbackDueAt.toISOString() } : created;
}

function refuseUsed(): never {
  throw ProofOfWorkInvalid({ reason: 'used' });
}

/**
 * Two submissions racing with the same receipt or the same proof of work (a retry sent while
 * the first was still being stored): an identical one gets the winner's answer, any other the
 * same answer as a pre-checked one.
 */
async function createOnce(store: Store, lookup: string, request: SubmitReport, input: CreateCaseInput): Promise<'stored' | SubmitReportResponse> {
  try {
    await store.cases.create(input);
    return 'stored';
  } catch (err) {
    const replay = await replayOf(store, lookup, request);
    if (replay) return replay;
    if (input.marker && (await store.markers.has(input.marker.key))) refuseUsed();
    if (await store.cases.byReceiptLookup(lookup)) throw ReceiptCollision();
    throw err;
  }
}
