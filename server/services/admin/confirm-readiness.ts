/**
 * An administrator confirms a checklist item the server cannot observe (mail through the
 * file outbox understood, recovery key stored, backups made outside Amana). Audited; the
 * confirmation and its entry are one write.
 */
import { CONFIRMABLE_ITEMS, READINESS_ITEMS, type Readiness, type ReadinessItemId } from '../../../shared/api/admin.schema';
import type { Config } from '../../../config';
import type { Store } from '../../ports/store.port';
import { ReadinessItemNotConfirmable, ReadinessItemUnknown } from './admin-errors';
import { READINESS_KEY, readConfirmations, readiness } from './readiness';

export async function confirmReadiness(deps: { store: Store; config: Config; now: () => Date }, actorId: string, item: string): Promise<Readiness> {
  if (!(READINESS_ITEMS as readonly string[]).includes(item)) throw ReadinessItemUnknown({ item });
  if (!CONFIRMABLE_ITEMS.includes(item as ReadinessItemId)) throw ReadinessItemNotConfirmable({ item });
  const at = deps.now();
  const confirmed = { ...(await readConfirmations(deps.store)), [item]: at.toISOString() };
  await deps.store.settings.setAudited(READINESS_KEY, confirmed, at, { actorId, action: 'readiness.confirm', caseId: null, detail: { changed: [item] } });
  return readiness(deps);
}
