/**
 * A real photo for the attachment test: Chromium's own JPEG encoder draws it, and an EXIF
 * segment with a GPS position and a canary is slipped in, as a phone camera would write it.
 * Chromium's encoder adds an ICC colour profile (APP2), which the cleaner also drops; the
 * photo is taken without it, so the cleaned file must be exactly the photo's bytes again,
 * which is what "the image survives" means here.
 */
import type { Page } from 'playwright-core';

export const PHOTO_SIZE = { width: 48, height: 32 };

/** A JPEG drawn by the page's canvas (no network: toDataURL stays inside the page). */
export async function browserJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(({ width, height }) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    g.fillStyle = '#1d6b4f';
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#f2c230';
    g.fillRect(width / 4, height / 4, width / 2, height / 2);
    return canvas.toDataURL('image/jpeg', 0.9);
  }, PHOTO_SIZE);
  const jpeg = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('the canvas did not produce a JPEG');
  return withoutIccProfile(jpeg);
}

/** Drops APP2 segments from the headers (before the first scan); everything else is kept as it is. */
function withoutIccProfile(jpeg: Buffer): Buffer {
  const kept: Buffer[] = [jpeg.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
    const end = at + 2 + jpeg.readUInt16BE(at + 2);
    if (jpeg[at + 1] !== 0xe2) kept.push(jpeg.subarray(at, end));
    at = end;
  }
  return Buffer.concat([...kept, jpeg.subarray(at)]);
}

/** An APP1 "Exif" segment (big-endian TIFF header) whose text carries the GPS position and `canary`. */
function exifSegment(canary: string): Buffer {
  const payload = Buffer.concat([
    Buffer.from('Exif\0\0MM\0*\0\0\0\x08', 'latin1'),
    Buffer.from(`GPSLatitude 33.5731N GPSLongitude 7.5898W Make Canon Model EOS ${canary}`, 'latin1'),
  ]);
  const header = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  return Buffer.concat([header, payload]);
}

/** `jpeg` with an EXIF segment after SOI and the JFIF APP0 segment, where cameras put it. */
export function withExif(jpeg: Buffer, canary: string): Buffer {
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, at), exifSegment(canary), jpeg.subarray(at)]);
}

/** Decodes `jpeg` in the page and returns its size: proof the bytes are still a picture. */
export async function decodedSize(page: Page, jpeg: Buffer): Promise<{ width: number; height: number }> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    return { width: bitmap.width, height: bitmap.height };
  }, jpeg.toString('base64'));
}
