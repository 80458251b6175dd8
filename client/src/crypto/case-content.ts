/**
 * Reading and writing a case's content under its keys, the same way for the reporter and
 * for officers: the report body, and messages (case key) or internal notes (notes key),
 * each bound to its browser-made id by the envelope's associated data. Decrypted JSON is
 * parsed by shared/protocol before anything renders it.
 */
import { fromB64, toB64 } from '../../../shared/api/common.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import { CONTEXT, parseMessageBody, parseReportBody, type MessageBodyV1, type ReportBodyV1 } from '../../../shared/protocol/report-body';
import { ApiFailure } from '../api/http';
import { randomUuid } from './uuid';

export type MessageEnvelopeType = 'message' | 'note';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function decryptReportBody(crypto: AmanaCrypto, caseKey: Uint8Array, body: string): ReportBodyV1 | null {
  try {
    return parseReportBody(decoder.decode(crypto.decryptEnvelope(caseKey, fromB64(body), CONTEXT.body, 'body')));
  } catch {
    return null;
  }
}

export interface MessageRead {
  /** null when the envelope does not open or its content is malformed */
  body: MessageBodyV1 | null;
  /** it opened, but is not a message as docs/PROTOCOL.md defines it: flagged, never shown raw */
  malformed: boolean;
}

export function decryptMessageBody(crypto: AmanaCrypto, key: Uint8Array, id: string, body: string, type: MessageEnvelopeType): MessageRead {
  let text: string;
  try {
    text = decoder.decode(crypto.decryptEnvelope(key, fromB64(body), id, type));
  } catch {
    return { body: null, malformed: false };
  }
  try {
    const parsed = parseMessageBody(text);
    return { body: parsed, malformed: parsed === null };
  } catch {
    // not JSON: some other writer's text, which must not pass for a message Amana wrote
    return { body: null, malformed: true };
  }
}

export interface EncryptedMessage {
  id: string;
  /** base64 envelope */
  body: string;
}

export function encryptMessage(crypto: AmanaCrypto, key: Uint8Array, body: MessageBodyV1, maxBytes: number, type: MessageEnvelopeType): EncryptedMessage {
  const id = randomUuid(crypto);
  const plain = encoder.encode(JSON.stringify(body));
  if (plain.length > maxBytes) throw new ApiFailure('payload_too_large', 0, 'The message is too long.');
  return { id, body: toB64(crypto.encryptEnvelope(key, plain, id, type)) };
}
