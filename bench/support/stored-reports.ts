/**
 * Reports written straight into the store, exactly as submitReport writes them (the case,
 * its keys, its first event and its three jobs in one transaction), for the routing
 * benchmark, which starts where intake ends: at the committed outbox rows.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { settings } from '../../config/settings';
import { newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';
import type { CreateCaseInput } from '../../server/ports/store.port';
import { SELF_WRAPPED_KEY_BYTES, WRAPPED_KEY_BYTES } from '../../shared/api/report.schema';
import { BENCH_CHANNEL } from './app-protocol';

const DAY_MS = 24 * 60 * 60 * 1000;
const bytes = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

export function storedReport(officerIds: string[], now = new Date()): CreateCaseInput {
  const caseId = randomUUID();
  const ackDueAt = new Date(now.getTime() + settings.deadlines.acknowledgeDays * DAY_MS);
  const feedbackDueAt = new Date(now.getTime() + settings.deadlines.feedbackDays * DAY_MS);
  return {
    case: {
      id: caseId,
      channelId: BENCH_CHANNEL.id,
      category: BENCH_CHANNEL.category,
      language: 'fr',
      status: 'received',
      createdAt: now,
      ackDueAt,
      feedbackDueAt,
      receiptLookup: randomBytes(32).toString('hex'),
      reporterPublicKey: bytes(32),
      body: bytes(1024),
      identity: null,
    },
    // Routing only considers officers the case key was sealed to, as the browser seals it.
    keys: [
      { kind: 'case', recipient: 'reporter', wrapped: bytes(SELF_WRAPPED_KEY_BYTES), grantedBy: null },
      ...officerIds.flatMap((id) => (['case', 'notes'] as const).map((kind) => ({ kind, recipient: id, wrapped: bytes(WRAPPED_KEY_BYTES.min), grantedBy: null }))),
    ],
    attachmentIds: [],
    event: { id: randomUUID(), at: now, kind: 'created', actorId: null, detail: {}, sealed: null, visibleToReporter: true },
    jobs: [
      newJob(JOB_NAMES.routeCase, [caseId], { caseId }, now),
      newJob(JOB_NAMES.deadlineAck, [caseId], { caseId }, ackDueAt),
      newJob(JOB_NAMES.deadlineFeedback, [caseId], { caseId }, feedbackDueAt),
    ],
  };
}
