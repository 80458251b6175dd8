/**
 * The reporter answers or adds something. The message, the claim of its attachments and the
 * notification of whoever leads the case are one store write; the notification carries ids
 * only, and its id is fixed by the message so a retried job never mails twice.
 */
import type { Config } from '../../config';
import type { PostMessage } from '../../shared/api/report.schema';
import { MessageExists } from '../errors';
import { newJob } from '../jobs/job-defaults';
import { JOB_NAMES } from '../jobs/job-names';
import type { JobRunner } from '../ports/jobs.port';
import type { MessageRecord, Store } from '../ports/store.port';
import { checkClaimable } from './claimable-attachments';
import { reporterCase } from './reporter-case';
import type { ReporterSession } from './reporter-token';

export interface PostMessageDeps {
  store: Store;
  config: Config;
  jobs: JobRunner;
  now: () => Date;
}

export async function postReporterMessage(deps: PostMessageDeps, session: ReporterSession, input: PostMessage): Promise<MessageRecord> {
  const record = await reporterCase(deps.store, session);
  const existing = await deps.store.messages.list(record.id, ['message', 'note']);
  if (existing.some((m) => m.id === input.id)) throw MessageExists();
  await checkClaimable(deps.store, input.attachmentIds, deps.config.limits.attachmentsPerReport);
  const message: MessageRecord = {
    id: input.id,
    caseId: record.id,
    author: 'reporter',
    kind: 'message',
    body: new Uint8Array(Buffer.from(input.body, 'base64')),
    attachmentIds: input.attachmentIds,
    createdAt: deps.now(),
  };
  // No staffId: the mail goes to whoever leads the case when the job runs.
  const notify = newJob(JOB_NAMES.notify, [record.id, 'reporter-message', message.id], { caseId: record.id, event: 'reporter-message', ref: message.id });
  try {
    await deps.store.messages.add(message, [notify]);
  } catch (err) {
    // The same message sent twice at once (a retried request): one is stored, the other told so.
    if ((await deps.store.messages.list(record.id, ['message', 'note'])).some((m) => m.id === input.id)) throw MessageExists();
    throw err;
  }
  deps.jobs.wake();
  return message;
}
