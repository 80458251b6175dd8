/**
 * Before a file is encrypted, hidden information is removed where the format allows.
 * Cleaning needs the whole file in memory, so it is limited to files a phone can hold
 * twice; larger or unknown files go out as they are and the reporter is told so.
 */
import { SNIFF_BYTES, sniffCleanable, stripMetadata, type RemovedKind } from '../metadata/strip-metadata';

/** Largest file cleaned in memory (it is held twice while cleaning). */
export const CLEAN_IN_MEMORY_BYTES = 30 * 1024 * 1024;

export type MetadataReport =
  | { kind: 'cleaned'; removed: RemovedKind[]; incomplete: boolean }
  | { kind: 'unsupported' }
  | { kind: 'too_large' };

export interface PreparedFile {
  /** what will be encrypted: the cleaned copy, or the file itself */
  source: Blob;
  metadata: MetadataReport;
}

async function readBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

export async function prepareFile(file: File): Promise<PreparedFile> {
  const format = sniffCleanable(await readBytes(file.slice(0, SNIFF_BYTES)));
  if (!format) return { source: file, metadata: { kind: 'unsupported' } };
  if (file.size > CLEAN_IN_MEMORY_BYTES) return { source: file, metadata: { kind: 'too_large' } };
  const result = stripMetadata(await readBytes(file));
  if (!result) return { source: file, metadata: { kind: 'unsupported' } };
  // slice(): a Blob part must be backed by a plain ArrayBuffer.
  return { source: new Blob([result.bytes.slice()]), metadata: { kind: 'cleaned', removed: result.removed, incomplete: result.incomplete } };
}
