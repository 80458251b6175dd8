/**
 * A case as the officer's browser reads it: the keys wrapped to this officer are opened
 * with their private key, then the report, the thread (messages under the case key, notes
 * under the notes key), the reasons in the history and, once a custodian has approved, the
 * reporter's identity. Whatever does not open is shown as such, never guessed.
 */
import { fromB64 } from '../../../../shared/api/common.schema';
import type { CaseViewResponse } from '../../../../shared/api/staff.schema';
import type { AmanaCrypto, X25519Keypair } from '../../../../shared/crypto/index';
import { CONTEXT, type IdentityV1, type MessageBodyV1, type ReportBodyV1 } from '../../../../shared/protocol/report-body';
import { decryptMessageBody, decryptReportBody } from '../../crypto/case-content';
import { openReason, type ReasonSubject } from '../../crypto/case-reason';
import { openCaseKeys, type CaseKeySet } from '../crypto/case-keys';

export type CaseEvent = CaseViewResponse['events'][number];

export interface ThreadItem {
  id: string;
  kind: 'message' | 'note';
  /** 'reporter' or a staff id */
  author: string;
  createdAt: string;
  attachmentIds: string[];
  /** null when it does not open */
  body: MessageBodyV1 | null;
  /** it opened but is not a well-formed message */
  malformed: boolean;
}

export interface OpenedStaffCase {
  view: CaseViewResponse;
  keys: CaseKeySet;
  report: ReportBodyV1 | null;
  thread: ThreadItem[];
  /** event id -> decrypted reason (null: sealed but not readable) */
  reasons: Map<string, string | null>;
  /** 'none': nothing disclosed; 'locked': disclosed, key not held; null: held but not readable */
  identity: IdentityV1 | 'none' | 'locked' | null;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function detailOf(event: CaseEvent): Record<string, unknown> {
  return typeof event.detail === 'object' && event.detail !== null && !Array.isArray(event.detail) ? (event.detail as Record<string, unknown>) : {};
}

export function reasonSubject(event: CaseEvent): ReasonSubject | null {
  if (event.kind === 'identity_request') return { kind: 'identity_request' };
  const status = detailOf(event).status;
  return event.kind === 'status' && typeof status === 'string' ? { kind: 'status', status } : null;
}

export function parseIdentity(json: string): IdentityV1 | null {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.v !== 1 || typeof v.name !== 'string' || typeof v.contact !== 'string' || typeof v.details !== 'string') return null;
  return { v: 1, name: v.name, contact: v.contact, details: v.details };
}

function openIdentity(crypto: AmanaCrypto, view: CaseViewResponse, identityKey: Uint8Array | null): OpenedStaffCase['identity'] {
  if (view.identity === null) return 'none';
  if (identityKey === null) return 'locked';
  try {
    return parseIdentity(decoder.decode(crypto.decryptEnvelope(identityKey, fromB64(view.identity), CONTEXT.identity, 'identity')));
  } catch {
    return null;
  }
}

export function decryptStaffCase(crypto: AmanaCrypto, keypair: X25519Keypair, view: CaseViewResponse): OpenedStaffCase {
  const keys = openCaseKeys(crypto, keypair, view.keys);
  const thread = view.messages.map((m): ThreadItem => {
    const key = m.kind === 'note' ? keys.notesKey : keys.caseKey;
    const { body, malformed } = key ? decryptMessageBody(crypto, key, m.id, m.body, m.kind) : { body: null, malformed: false };
    return { id: m.id, kind: m.kind, author: m.author, createdAt: m.createdAt, attachmentIds: m.attachmentIds, body, malformed };
  });
  const reasons = new Map<string, string | null>();
  for (const event of view.events) {
    const subject = reasonSubject(event);
    if (event.sealed && subject) reasons.set(event.id, openReason(crypto, keys.caseKey, subject, event.sealed));
  }
  return { view, keys, report: decryptReportBody(crypto, keys.caseKey, view.body), thread, reasons, identity: openIdentity(crypto, view, keys.identityKey) };
}
