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
import { ApiFailure } from '../api/http';
import { fetchCase, openSession } from '../api/reporter-api';
import { solveNow } from '../report/pow-ahead';
import { decryptMessageBody, decryptReportBody } from '../crypto/case-content';
import { openReason } from '../crypto/case-reason';
import { deriveKeysFromReceipt } from '../crypto/derive-keys';
import type { MessageBodyV1, ReportBodyV1 } from '../../../shared/protocol/report-body';

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
  /** it opened but is not a well-formed message */
  malformed: boolean;
}

export interface OpenedCase {
  data: FollowUpCase;
  report: ReportBodyV1 | null;
  messages: DecryptedMessage[];
  /** the officer's reason for each status change, by event index; null when it does not open */
  reasons: Map<number, string | null>;
}

export async function startSession(crypto: AmanaCrypto, receipt: string, installation: PublicInstallation): Promise<{ session: OpenSession; opened: OpenedCase }> {
  const keys = await deriveKeysFromReceipt(crypto, receipt, installation);
  try {
    const { token } = await openSessionWithWork(toB64(keys.loginSecret));
    const data = await fetchCase(token);
    const caseKey = crypto.unwrapKeyForSelf(fromB64(data.wrappedKey), keys.keypair.secretKey, 'case');
    const session = { token, caseKey };
    return { session, opened: decryptCase(crypto, session, data) };
  } finally {
    keys.keypair.secretKey.fill(0);
    keys.loginSecret.fill(0);
  }
}

const failedWith = (err: unknown, id: string): boolean => err instanceof ApiFailure && err.id === id;

/**
 * Signs in with the login secret. While many wrong receipts were tried lately the server
 * answers `pow_required`: the attempt is made again with a solved challenge (seconds of work),
 * and once more with a fresh one if that challenge expired or was spent meanwhile.
 */
export async function openSessionWithWork(loginSecret: string): ReturnType<typeof openSession> {
  try {
    return await openSession(loginSecret);
  } catch (err) {
    if (!failedWith(err, 'pow_required')) throw err;
  }
  try {
    return await openSession(loginSecret, await solveNow());
  } catch (err) {
    if (!failedWith(err, 'pow_invalid')) throw err;
  }
  return openSession(loginSecret, await solveNow());
}

function decryptMessage(crypto: AmanaCrypto, caseKey: Uint8Array, message: FollowUpMessage): DecryptedMessage {
  const { body, malformed } = decryptMessageBody(crypto, caseKey, message.id, message.body, 'message');
  return { id: message.id, from: message.from, createdAt: message.createdAt, body, malformed };
}

export function decryptCase(crypto: AmanaCrypto, session: OpenSession, data: FollowUpCase): OpenedCase {
  const report = decryptReportBody(crypto, session.caseKey, data.body);
  const reasons = new Map<number, string | null>();
  data.events.forEach((event, index) => {
    if (event.kind === 'status' && event.status && event.sealed) reasons.set(index, openReason(crypto, session.caseKey, { kind: 'status', status: event.status }, event.sealed));
  });
  return { data, report, messages: data.messages.map((m) => decryptMessage(crypto, session.caseKey, m)), reasons };
}

export async function refreshCase(crypto: AmanaCrypto, session: OpenSession): Promise<OpenedCase> {
  return decryptCase(crypto, session, await fetchCase(session.token));
}
