/**
 * An attachment descriptor comes out of decrypted JSON, so it is checked before a page offers
 * its file: the server must hold that attachment for the case, and its file key and STREAM
 * header must have their sizes (anything else cannot open, and would fail only on download).
 */
import type { AttachmentDescriptor } from '../../../shared/protocol/report-body';
import { KEY_BYTES } from '../../../shared/crypto/backend';
import { STREAM_HEADER_BYTES } from '../../../shared/crypto/stream';

export type DescriptorProblem = 'not_on_case' | 'bad_key';

/** Decoded length of canonical padded base64, or null when it is not that. */
export function b64Bytes(value: string): number | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return null;
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return (value.length / 4) * 3 - padding;
}

export function descriptorProblems(descriptor: AttachmentDescriptor, onCase: ReadonlySet<string>): DescriptorProblem[] {
  const problems: DescriptorProblem[] = [];
  if (!onCase.has(descriptor.attachmentId)) problems.push('not_on_case');
  const sizeOk = Number.isSafeInteger(descriptor.size) && descriptor.size >= 0;
  if (b64Bytes(descriptor.fileKey) !== KEY_BYTES || b64Bytes(descriptor.header) !== STREAM_HEADER_BYTES || !sizeOk) problems.push('bad_key');
  return problems;
}
