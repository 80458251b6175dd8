/**
 * What a reporter does inside an opened case: reply (the message id is made here and bound
 * into the ciphertext's associated data, so the server cannot swap two messages) and
 * download an attachment, decrypted chunk by chunk.
 */
import type { PublicInstallation } from '../../../shared/api/channel.schema';
import { fromB64, toB64 } from '../../../shared/api/common.schema';
import { ATTACHMENT_CIPHER_CHUNK_BYTES, type AmanaCrypto } from '../../../shared/crypto/index';
import { ApiFailure } from '../api/http';
import { fetchAttachmentPart, postMessage } from '../api/reporter-api';
import { randomUuid } from '../crypto/uuid';
import type { AttachmentDescriptor, MessageBodyV1 } from '../../../shared/protocol/report-body';
import type { OpenSession } from './open-case';

const encoder = new TextEncoder();

export async function sendReply(crypto: AmanaCrypto, session: OpenSession, installation: PublicInstallation, text: string, attachments: AttachmentDescriptor[]): Promise<void> {
  const id = randomUuid(crypto);
  const body: MessageBodyV1 = { v: 1, text, attachments };
  const plain = encoder.encode(JSON.stringify(body));
  if (plain.length > installation.limits.messageBytes) throw new ApiFailure('payload_too_large', 0, 'The message is too long.');
  const envelope = crypto.encryptEnvelope(session.caseKey, plain, id, 'message');
  await postMessage(session.token, { id, body: toB64(envelope), attachmentIds: attachments.map((a) => a.attachmentId) });
}

/** Fetches every part, checks every chunk, and only then hands the file over. */
export async function decryptAttachment(crypto: AmanaCrypto, token: string, descriptor: AttachmentDescriptor, parts: number): Promise<Blob> {
  const decryptor = crypto.createAttachmentDecryptor(fromB64(descriptor.fileKey), fromB64(descriptor.header));
  const plain: Uint8Array<ArrayBuffer>[] = [];
  let index = 0;
  for (let part = 0; part < parts; part++) {
    const cipher = await fetchAttachmentPart(descriptor.attachmentId, part, token);
    if (cipher.length % ATTACHMENT_CIPHER_CHUNK_BYTES !== 0) throw new ApiFailure('bad_response', 200, 'An attachment part is cut short.');
    for (let offset = 0; offset < cipher.length; offset += ATTACHMENT_CIPHER_CHUNK_BYTES) {
      const isLast = part === parts - 1 && offset + ATTACHMENT_CIPHER_CHUNK_BYTES === cipher.length;
      plain.push(decryptor.decryptChunk(cipher.subarray(offset, offset + ATTACHMENT_CIPHER_CHUNK_BYTES), index++, isLast).slice());
    }
  }
  decryptor.finish();
  // Never rendered by the browser: an attachment is data, not a page of this site.
  return new Blob(plain, { type: 'application/octet-stream' });
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name || 'attachment';
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
