/** What a metadata cleaner removed, in terms the reporter can be told about. */
export type RemovedKind =
  /** EXIF: camera model, serial number, GPS location, date taken */
  | 'exif'
  /** XMP: author, editing software and history, sometimes location */
  | 'xmp'
  /** IPTC (Photoshop APP13): author, caption, place */
  | 'iptc'
  /** free-text comments (JPEG COM) and PNG text chunks */
  | 'comment'
  /** PNG tIME: when the image was last changed */
  | 'timestamp'
  /** PDF document information: author, title, software, dates */
  | 'document_info'
  /** other application segments (ICC profile, maker data, previews) */
  | 'other';

export type CleanableFormat = 'jpeg' | 'png' | 'pdf';

export interface StripResult {
  format: CleanableFormat;
  bytes: Uint8Array;
  /** distinct kinds removed, in the order first met */
  removed: RemovedKind[];
  /** true when the file holds metadata this cleaner could not reach (or is malformed) */
  incomplete: boolean;
}

export function addKind(list: RemovedKind[], kind: RemovedKind): void {
  if (!list.includes(kind)) list.push(kind);
}

export function startsWithAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}
