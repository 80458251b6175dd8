/**
 * The case a reporter session points at. A session outlives nothing: once retention has
 * purged the case (content and keys gone), its tokens open nothing either.
 */
import { SessionInvalid } from '../errors';
import type { CaseRecord, Store } from '../ports/store.port';
import type { ReporterSession } from './reporter-token';

export async function reporterCase(store: Store, session: ReporterSession): Promise<CaseRecord> {
  const record = await store.cases.get(session.caseId);
  if (!record || record.purgedAt !== null) throw SessionInvalid();
  return record;
}
