/**
 * Downloading an attachment, for the reporter and the officer alike: the encrypted parts
 * are fetched one after the other and run through the STREAM decryptor as they arrive, so
 * only ciphertext of one part is held at a time. The file is handed over only once the
 * final chunk has been authenticated: a truncated or altered file never reaches the disk.
 */
import { fromB64 } from '../../../shared/api/common.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import type { AttachmentDescriptor } from '../../../shared/protocol/report-body';

/** Fetches one encrypted upload part; the reporter and the staff API serve parts at different paths. */
export type PartFetcher = (attachmentId: string, index: number) => Promise<Uint8Array>;

async function* parts(attachmentId: string, count: number, fetchPart: PartFetcher): AsyncGenerator<Uint8Array> {
  for (let index = 0; index < count; index++) yield await fetchPart(attachmentId, index);
}

/** The plaintext in its verified chunks, returned only once the last chunk has authenticated. */
export async function decryptAttachmentChunks(crypto: AmanaCrypto, descriptor: AttachmentDescriptor, partCount: number, fetchPart: PartFetcher): Promise<Uint8Array<ArrayBuffer>[]> {
  const plain: Uint8Array<ArrayBuffer>[] = [];
  const chunks = crypto.decryptAttachmentStream(fromB64(descriptor.fileKey), fromB64(descriptor.header), parts(descriptor.attachmentId, partCount, fetchPart));
  for await (const chunk of chunks) plain.push(chunk.slice());
  return plain;
}

export async function decryptAttachment(crypto: AmanaCrypto, descriptor: AttachmentDescriptor, partCount: number, fetchPart: PartFetcher): Promise<Blob> {
  // Never rendered by the browser: an attachment is data, not a page of this site.
  return new Blob(await decryptAttachmentChunks(crypto, descriptor, partCount, fetchPart), { type: 'application/octet-stream' });
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
