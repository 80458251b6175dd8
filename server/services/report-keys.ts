/**
 * Checks the wrapped keys of a submission against who may hold them. The server cannot open
 * a sealed box, but it can refuse a key addressed to someone who must not have one (an
 * administrator, a deactivated officer, a custodian holding the case key) and a report that
 * no officer could read.
 */
import type { WrappedKeyInput } from '../../shared/api/report.schema';
import { KeysInvalid, type AppError } from '../errors';

export interface Entitled {
  officerIds: ReadonlySet<string>;
  custodianIds: ReadonlySet<string>;
  /** whether the submission carries a disclosed identity */
  identity: boolean;
}

/** Stable reasons, documented in docs/PROTOCOL.md. */
export type KeysInvalidReason =
  | 'duplicate'
  | 'reporter_key'
  | 'not_an_officer'
  | 'officer_keys_incomplete'
  | 'no_officer'
  | 'identity_recipient'
  | 'identity_keys_missing'
  | 'identity_keys_unexpected';

const refuse = (reason: KeysInvalidReason): AppError => KeysInvalid({ reason });

export function checkReportKeys(keys: readonly WrappedKeyInput[], entitled: Entitled): void {
  const seen = new Set<string>();
  for (const key of keys) {
    const slot = `${key.kind}:${key.recipient}`;
    if (seen.has(slot)) throw refuse('duplicate');
    seen.add(slot);
  }

  const reporterKeys = keys.filter((k) => k.recipient === 'reporter');
  if (reporterKeys.length !== 1 || reporterKeys[0]?.kind !== 'case') throw refuse('reporter_key');

  const staffKeys = keys.filter((k) => k.recipient !== 'reporter');
  const caseHolders = new Set<string>();
  const notesHolders = new Set<string>();
  let identityKeys = 0;
  for (const key of staffKeys) {
    if (key.kind === 'identity') {
      if (!entitled.custodianIds.has(key.recipient)) throw refuse('identity_recipient');
      identityKeys += 1;
      continue;
    }
    if (!entitled.officerIds.has(key.recipient)) throw refuse('not_an_officer');
    (key.kind === 'case' ? caseHolders : notesHolders).add(key.recipient);
  }

  if (caseHolders.size !== notesHolders.size || [...caseHolders].some((id) => !notesHolders.has(id))) throw refuse('officer_keys_incomplete');
  if (caseHolders.size === 0) throw refuse('no_officer');
  if (entitled.identity && identityKeys === 0) throw refuse('identity_keys_missing');
  if (!entitled.identity && identityKeys > 0) throw refuse('identity_keys_unexpected');
}
