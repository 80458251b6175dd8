/**
 * Opening a case with the receipt code: derive the keys (Argon2id, in a worker), exchange
 * the login secret for a session token, then open the case key sealed to the reporter and
 * decrypt the report and its messages. The token and the case key stay in memory; the
 * receipt and the secret key are wiped as soon as they have served.
 */
import type { PublicInstallation } from '../../../shared/api/channel.schema';
import { fromB64, toB64 } from '../../../shared/api/common.schema';
import type { FollowUpCase, FollowUpMessage } from '../../../shared/api/report.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import { fetchCase, openSession } from '../api/reporter-api';
import { deriveKeysFromReceipt } from '../crypto/derive-keys';
import { CONTEXT, parseMessageBody, parseReportBody, type MessageBodyV1, type ReportBodyV1 } from '../../../shared/protocol/report-body';

export interface OpenSession {
  token: string;
  caseKey: Uint8Array;
}

export interface DecryptedMessage {
  id: string;
  from: FollowUpMessage['from'];
  createdAt: string;
  /** null when the message could not be decrypted or read */
  body: MessageBodyV1 | null;
}

export interface OpenedCase {
  data: FollowUpCase;
  report: ReportBodyV1 | null;
  messages: DecryptedMessage[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function startSession(crypto: AmanaCrypto, receipt: string, installation: PublicInstallation): Promise<{ session: OpenSession; opened: OpenedCase }> {
  const keys = await deriveKeysFromReceipt(crypto, receipt, installation);
  try {
    const { token } = await openSession(toB64(keys.loginSecret));
    const data = await fetchCase(token);
    const caseKey = crypto.unwrapKey(fromB64(data.wrappedKey), keys.keypair, 'case');
    const session = { token, caseKey };
    return { session, opened: decryptCase(crypto, session, data) };
  } finally {
    keys.keypair.secretKey.fill(0);
    keys.loginSecret.fill(0);
  }
}

function decryptMessage(crypto: AmanaCrypto, caseKey: Uint8Array, message: FollowUpMessage): DecryptedMessage {
  const base = { id: message.id, from: message.from, createdAt: message.createdAt };
  try {
    const text = decoder.decode(crypto.decryptEnvelope(caseKey, fromB64(message.body), message.id, 'message'));
    // A message written as plain text rather than JSON is shown as it is.
    let body: MessageBodyV1 | null;
    try {
      body = parseMessageBody(text);
    } catch {
      body = { v: 1, text, attachments: [] };
    }
    return { ...base, body };
  } catch {
    return { ...base, body: null };
  }
}

export function decryptCase(crypto: AmanaCrypto, session: OpenSession, data: FollowUpCase): OpenedCase {
  let report: ReportBodyV1 | null = null;
  try {
    report = parseReportBody(decoder.decode(crypto.decryptEnvelope(session.caseKey, fromB64(data.body), CONTEXT.body, 'body')));
  } catch {
    report = null;
  }
  return { data, report, messages: data.messages.map((m) => decryptMessage(crypto, session.caseKey, m)) };
}

export async function refreshCase(crypto: AmanaCrypto, session: OpenSession): Promise<OpenedCase> {
  return decryptCase(crypto, session, await fetchCase(session.token));
}
