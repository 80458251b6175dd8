/**
 * Picks a cleaner by the file's content, not its name or declared type, which a renamed
 * file would get wrong. Formats we cannot clean are reported as such so the reporter
 * can decide; they are never silently passed off as cleaned.
 */
import { isJpeg, stripJpeg } from './jpeg';
import { isPdf, stripPdf } from './pdf';
import { isPng, stripPng } from './png';
import type { StripResult } from './types';

export type { RemovedKind, StripResult, CleanableFormat } from './types';

/** Bytes needed to recognise a format. */
export const SNIFF_BYTES = 1024;

export function sniffCleanable(head: Uint8Array): StripResult['format'] | null {
  if (isJpeg(head)) return 'jpeg';
  if (isPng(head)) return 'png';
  if (isPdf(head)) return 'pdf';
  return null;
}

export function stripMetadata(bytes: Uint8Array): StripResult | null {
  switch (sniffCleanable(bytes.subarray(0, SNIFF_BYTES))) {
    case 'jpeg':
      return stripJpeg(bytes);
    case 'png':
      return stripPng(bytes);
    case 'pdf':
      return stripPdf(bytes);
    default:
      return null;
  }
}
