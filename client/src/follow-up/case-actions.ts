/**
 * What a reporter writes inside an opened case: a reply. The message id is made here and
 * bound into the ciphertext's associated data, so the server cannot swap two messages.
 * Downloads are in attachments/decrypt-attachment.ts, shared with the officers' pages.
 */
import type { PublicInstallation } from '../../../shared/api/channel.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import { postMessage } from '../api/reporter-api';
import { postMessage as postMessageSchema } from '../../../shared/api/report.schema';
import { encryptMessage } from '../crypto/case-content';
import { checkBeforeSend } from '../crypto/check-before-send';
import type { AttachmentDescriptor } from '../../../shared/protocol/report-body';
import type { OpenSession } from './open-case';

export async function sendReply(crypto: AmanaCrypto, session: OpenSession, installation: PublicInstallation, text: string, attachments: AttachmentDescriptor[]): Promise<void> {
  const { id, body } = encryptMessage(crypto, session.caseKey, { v: 1, text, attachments }, installation.limits.messageBytes, 'message');
  const request = { id, body, attachmentIds: attachments.map((a) => a.attachmentId) };
  checkBeforeSend(postMessageSchema, request);
  await postMessage(session.token, request);
}
