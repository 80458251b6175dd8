/**
 * An officer's browser reading a case as the reporter's browser and other officers wrote
 * it: the report, messages under the case key, notes only with the notes key, the reasons
 * in the history bound to their event, and the identity only once its key was given.
 */
import { toB64 } from '../../../../shared/api/common.schema';
import type { CaseViewResponse } from '../../../../shared/api/staff.schema';
import { loadAmanaCrypto, type AmanaCrypto, type X25519Keypair } from '../../../../shared/crypto/index';
import { CONTEXT, type IdentityV1, type ReportBodyV1 } from '../../../../shared/protocol/report-body';
import { encryptMessage } from '../../crypto/case-content';
import { sealReason } from '../../crypto/case-reason';
import { decryptStaffCase } from './decrypt-case';

let crypto: AmanaCrypto;
beforeAll(async () => {
  crypto = await loadAmanaCrypto('libsodium');
});

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function caseFor(officer: X25519Keypair, withNotes: boolean, withIdentity: boolean) {
  const keys = crypto.newCaseKeys();
  const report: ReportBodyV1 = { v: 1, channelId: 'ch-corruption', category: 'bribery', language: 'fr', answers: { what: 'Un pot-de-vin' }, attachments: [] };
  const identity: IdentityV1 = { v: 1, name: 'Leila', contact: 'leila@example.org', details: '' };
  const message = encryptMessage(crypto, keys.caseKey, { v: 1, text: 'Bonjour', attachments: [] }, 65536, 'message');
  const note = encryptMessage(crypto, keys.notesKey, { v: 1, text: 'À vérifier', attachments: [] }, 65536, 'note');
  const wrap = (key: Uint8Array, kind: 'case' | 'notes' | 'identity') => ({ kind, wrapped: toB64(crypto.wrapKey(key, officer.publicKey, kind)), grantedBy: null, createdAt: '2026-01-01T00:00:00.000Z' });
  const at = '2026-01-02T00:00:00.000Z';
  const view = {
    case: { id: 'case-0001' },
    keys: [wrap(keys.caseKey, 'case'), ...(withNotes ? [wrap(keys.notesKey, 'notes')] : []), ...(withIdentity ? [wrap(keys.identityKey, 'identity')] : [])],
    body: toB64(crypto.encryptEnvelope(keys.caseKey, json(report), CONTEXT.body, 'body')),
    identity: toB64(crypto.encryptEnvelope(keys.identityKey, json(identity), CONTEXT.identity, 'identity')),
    events: [
      { id: 'e1', at, kind: 'status', actorId: 'staff-0001', detail: { from: 'received', status: 'acknowledged' }, sealed: sealReason(crypto, keys.caseKey, { kind: 'status', status: 'acknowledged' }, 'Reçu'), visibleToReporter: true },
      // A reason moved onto another status event must not open there.
      { id: 'e2', at, kind: 'status', actorId: 'staff-0001', detail: { from: 'acknowledged', status: 'closed' }, sealed: sealReason(crypto, keys.caseKey, { kind: 'status', status: 'acknowledged' }, 'Reçu'), visibleToReporter: true },
    ],
    messages: [
      { id: message.id, author: 'reporter', kind: 'message' as const, body: message.body, attachmentIds: [], createdAt: at },
      { id: note.id, author: 'staff-0001', kind: 'note' as const, body: note.body, attachmentIds: [], createdAt: at },
    ],
    // Only the fields decryptStaffCase reads; the rest of the answer does not matter here.
  } as unknown as CaseViewResponse;
  return { view, identity };
}

describe('decryptStaffCase', () => {
  it('reads the report, the thread, the reasons and, with its key, the identity', () => {
    const officer = crypto.x25519Keypair();
    const { view, identity } = caseFor(officer, true, true);
    const opened = decryptStaffCase(crypto, officer, view);
    expect(opened.report?.answers).toEqual({ what: 'Un pot-de-vin' });
    expect(opened.thread.map((m) => m.body?.text)).toEqual(['Bonjour', 'À vérifier']);
    expect(opened.reasons.get('e1')).toBe('Reçu');
    expect(opened.reasons.get('e2')).toBeNull();
    expect(opened.identity).toEqual(identity);
  });

  it('leaves notes and identity closed without their keys', () => {
    const officer = crypto.x25519Keypair();
    const opened = decryptStaffCase(crypto, officer, caseFor(officer, false, false).view);
    expect(opened.thread.map((m) => m.body?.text ?? null)).toEqual(['Bonjour', null]);
    expect(opened.identity).toBe('locked');
  });

  it('refuses a case whose keys were sealed to someone else', () => {
    const { view } = caseFor(crypto.x25519Keypair(), true, false);
    expect(() => decryptStaffCase(crypto, crypto.x25519Keypair(), view)).toThrow(expect.objectContaining({ code: 'auth_failed' }));
  });
});
