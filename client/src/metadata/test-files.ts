/** Minimal crafted files for the metadata tests: just enough structure to be parsed. */
export const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

export function bytesOf(...parts: (Uint8Array | number[] | string)[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? ascii(p) : p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

export function jpegSegment(marker: number, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === 'string' ? ascii(payload) : payload;
  const length = body.length + 2;
  return bytesOf([0xff, marker, length >> 8, length & 0xff], body);
}

export const JFIF = jpegSegment(0xe0, 'JFIF\0\x01\x02\0\0\x01\0\x01\0\0');
export const ADOBE = jpegSegment(0xee, 'Adobe\0\x64\0\0\0\0\x01');
export const EXIF_GPS = jpegSegment(0xe1, 'Exif\0\0MM\0*\0\0\0\x08GPSLatitude 33.5731N GPSLongitude 7.5898W Canon EOS');
export const XMP = jpegSegment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Jane Doe</x:xmpmeta>');
export const IPTC = jpegSegment(0xed, 'Photoshop 3.0\x008BIM\x04\x04By-line Jane');
export const COMMENT = jpegSegment(0xfe, 'shot by Jane');
export const DQT = jpegSegment(0xdb, bytesOf([0], new Uint8Array(64).fill(1)));
export const SOF0 = jpegSegment(0xc0, bytesOf([8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
export const SOS = jpegSegment(0xda, bytesOf([1, 1, 0, 0, 0x3f, 0]));
/** entropy-coded data with a stuffed 0xFF00 and a restart marker inside */
export const SCAN_DATA = bytesOf([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]);
export const SOI = [0xff, 0xd8];
export const EOI = [0xff, 0xd9];

export function jpegWithMetadata(): Uint8Array {
  return bytesOf(SOI, JFIF, EXIF_GPS, XMP, IPTC, COMMENT, ADOBE, DQT, SOF0, SOS, SCAN_DATA, EOI, 'trailing Exif GPS preview');
}

export function pngChunk(type: string, data: Uint8Array | string): Uint8Array {
  const body = typeof data === 'string' ? ascii(data) : data;
  const n = body.length;
  // The CRC is not checked by the cleaner, which copies kept chunks verbatim.
  return bytesOf([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff], type, body, [0xde, 0xad, 0xbe, 0xef]);
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * A PDF with an xref table whose offsets are computed, so a test can check they still
 * point at their objects after cleaning.
 */
export function buildPdf(objects: string[], trailerExtra: string): string {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}
