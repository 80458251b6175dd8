import { stripJpeg } from './jpeg';
import { stripMetadata } from './strip-metadata';
import { ADOBE, COMMENT, DQT, EOI, EXIF_GPS, JFIF, SCAN_DATA, SOF0, SOI, SOS, bytesOf, jpegSegment, jpegWithMetadata } from './test-files';
import { latin1 } from './pdf';

describe('stripJpeg', () => {
  it('removes EXIF (with its GPS data), XMP, IPTC and comments, keeping JFIF, Adobe and the image', () => {
    const input = jpegWithMetadata();
    expect(latin1(input)).toContain('GPSLatitude');

    const result = stripJpeg(input);

    expect(result.incomplete).toBe(false);
    expect(result.removed).toEqual(['exif', 'xmp', 'iptc', 'comment']);
    expect(result.bytes).toEqual(bytesOf(SOI, JFIF, ADOBE, DQT, SOF0, SOS, SCAN_DATA, EOI));
    const text = latin1(result.bytes);
    for (const secret of ['GPS', 'Exif', 'Canon', 'Jane', 'xmpmeta', 'trailing']) expect(text).not.toContain(secret);
  });

  it('keeps segments between scans of a progressive JPEG and drops an APPn found there', () => {
    const dht = jpegSegment(0xc4, bytesOf([0], new Uint8Array(16).fill(0)));
    const app2 = jpegSegment(0xe2, 'ICC_PROFILE\0camera');
    const input = bytesOf(SOI, JFIF, DQT, SOF0, SOS, SCAN_DATA, dht, app2, SOS, SCAN_DATA, EOI);

    const result = stripJpeg(input);

    expect(result.bytes).toEqual(bytesOf(SOI, JFIF, DQT, SOF0, SOS, SCAN_DATA, dht, SOS, SCAN_DATA, EOI));
    expect(result.removed).toEqual(['other']);
  });

  it('drops an APP0 that is not JFIF and an APP14 that is not Adobe', () => {
    const input = bytesOf(SOI, jpegSegment(0xe0, 'AVI1\0data'), jpegSegment(0xee, 'Other'), SOF0, SOS, SCAN_DATA, EOI);
    expect(stripJpeg(input).bytes).toEqual(bytesOf(SOI, SOF0, SOS, SCAN_DATA, EOI));
  });

  it('cleans a file cut short inside its image data', () => {
    const input = bytesOf(SOI, EXIF_GPS, SOF0, SOS, SCAN_DATA);
    const result = stripJpeg(input);
    expect(result.incomplete).toBe(false);
    expect(result.bytes).toEqual(bytesOf(SOI, SOF0, SOS, SCAN_DATA));
  });

  it('reports a broken header as incomplete and leaves the bytes alone', () => {
    const input = bytesOf(SOI, [0xff, 0xe1, 0xff, 0xff], 'Exif GPS');
    const result = stripJpeg(input);
    expect(result.incomplete).toBe(true);
    expect(result.removed).toEqual([]);
    expect(result.bytes).toBe(input);
  });

  it('reports nothing removed for a clean file', () => {
    const input = bytesOf(SOI, JFIF, DQT, SOF0, SOS, SCAN_DATA, EOI);
    const result = stripJpeg(input);
    expect(result.removed).toEqual([]);
    expect(result.bytes).toEqual(input);
  });

  it('is chosen by content, whatever the file is called', () => {
    expect(stripMetadata(jpegWithMetadata())?.format).toBe('jpeg');
    expect(stripMetadata(bytesOf(COMMENT))).toBeNull();
  });
});
