import { latin1 } from './pdf';
import { stripPng } from './png';
import { stripMetadata } from './strip-metadata';
import { PNG_SIGNATURE, bytesOf, pngChunk } from './test-files';

const IHDR = pngChunk('IHDR', bytesOf([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
const IDAT = pngChunk('IDAT', bytesOf([0x78, 0x9c, 0x63, 0x60, 0x00, 0x00]));
const IEND = pngChunk('IEND', '');

describe('stripPng', () => {
  it('removes text chunks, EXIF and the modification time, keeping image chunks in order', () => {
    const input = bytesOf(
      PNG_SIGNATURE,
      IHDR,
      pngChunk('tEXt', 'Author\0Jane Doe'),
      pngChunk('iTXt', 'Comment\0\0\0\0\0taken at home'),
      pngChunk('zTXt', 'Software\0\0x'),
      pngChunk('tIME', bytesOf([0x07, 0xe8, 1, 2, 3, 4, 5])),
      IDAT,
      pngChunk('eXIf', 'MM\0*GPSLatitude'),
      IEND,
    );

    const result = stripPng(input);

    expect(result.incomplete).toBe(false);
    expect(result.removed).toEqual(['comment', 'timestamp', 'exif']);
    expect(result.bytes).toEqual(bytesOf(PNG_SIGNATURE, IHDR, IDAT, IEND));
    const text = latin1(result.bytes);
    for (const secret of ['Jane', 'home', 'GPS', 'tIME']) expect(text).not.toContain(secret);
  });

  it('drops data hidden after IEND', () => {
    const input = bytesOf(PNG_SIGNATURE, IHDR, IDAT, IEND, 'appended secret');
    expect(stripPng(input).bytes).toEqual(bytesOf(PNG_SIGNATURE, IHDR, IDAT, IEND));
  });

  it('reports a truncated file as incomplete', () => {
    const input = bytesOf(PNG_SIGNATURE, IHDR, pngChunk('tEXt', 'Author\0Jane').subarray(0, 10));
    const result = stripPng(input);
    expect(result.incomplete).toBe(true);
    expect(result.bytes).toBe(input);
  });

  it('is chosen by content', () => {
    expect(stripMetadata(bytesOf(PNG_SIGNATURE, IHDR, IDAT, IEND))?.format).toBe('png');
  });
});
