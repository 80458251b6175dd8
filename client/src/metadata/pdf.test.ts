import { latin1, stripPdf } from './pdf';
import { stripMetadata } from './strip-metadata';
import { ascii, buildPdf, bytesOf, DQT, EOI, EXIF_GPS, JFIF, SCAN_DATA, SOF0, SOI, SOS } from './test-files';

const catalog = '<< /Type /Catalog /Pages 3 0 R /Metadata 4 0 R >>';
const pages = '<< /Type /Pages /Kids [] /Count 0 >>';
const xmpPacket = '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta><dc:creator>Jane</dc:creator></x:xmpmeta><?xpacket end="w"?>';
const xmpStream = `<< /Type /Metadata /Subtype /XML /Length ${xmpPacket.length} >>\nstream\n${xmpPacket}\nendstream`;

/** Offsets from the xref table, each of which must still point at "n 0 obj". */
function xrefStillValid(text: string): boolean {
  const table = text.slice(text.lastIndexOf('xref'));
  const offsets = [...table.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  return offsets.every((offset, i) => text.startsWith(`${i + 1} 0 obj`, offset));
}

describe('stripPdf', () => {
  it('blanks the document information and XMP without moving any byte', () => {
    const info = '<< /Author (Jane \\(J.\\) Doe) /Title <FEFF004A0061006E0065> /Producer (Word) /CreationDate (D:20240102) /Company (Acme) /Trapped /False >>';
    const input = ascii(buildPdf([catalog, info, pages, xmpStream], '/Info 2 0 R'));

    const result = stripPdf(input);

    const text = latin1(result.bytes);
    expect(result.bytes.length).toBe(input.length);
    expect(result.removed).toEqual(['document_info', 'xmp']);
    expect(result.incomplete).toBe(false);
    for (const secret of ['Jane', '004A', 'Word', 'D:2024', 'Acme', 'xmpmeta']) expect(text).not.toContain(secret);
    expect(text).toMatch(/\/Author \( +\)/);
    expect(text).toContain('/Trapped /False');
    expect(xrefStillValid(text)).toBe(true);
    expect(input).not.toEqual(result.bytes);
    expect(latin1(input)).toContain('(Jane');
  });

  it('follows an indirect value and every redefinition from an incremental update', () => {
    const first = buildPdf([catalog, '<< /Author 5 0 R >>', pages, xmpStream, '(Jane)'], '/Info 2 0 R');
    const update = `2 0 obj\n<< /Author (Jane again) >>\nendobj\n`;
    const result = stripPdf(ascii(first + update));
    const text = latin1(result.bytes);
    expect(text).not.toContain('Jane');
    expect(result.removed).toContain('document_info');
  });

  it('turns EXIF in an embedded photo into a same-length comment', () => {
    const jpeg = latin1(bytesOf(SOI, JFIF, EXIF_GPS, DQT, SOF0, SOS, SCAN_DATA, EOI));
    const image = `<< /Type /XObject /Subtype /Image /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n${jpeg}\nendstream`;
    const input = ascii(buildPdf([catalog, '<< >>', pages, image], '/Info 2 0 R'));

    const result = stripPdf(input);

    const text = latin1(result.bytes);
    expect(result.bytes.length).toBe(input.length);
    expect(result.removed).toEqual(['exif']);
    expect(text).not.toContain('GPSLatitude');
    expect(text).toContain(latin1(JFIF));
    expect(text).toContain(latin1(bytesOf(SOF0, SOS, SCAN_DATA, EOI)));
  });

  it('says incomplete when the information sits in a compressed object stream', () => {
    const result = stripPdf(ascii(buildPdf([catalog, pages], '/Info 9 0 R')));
    expect(result.incomplete).toBe(true);
  });

  it('says incomplete when the XMP stream is compressed', () => {
    const packed = '<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length 4 >>\nstream\nxxxx\nendstream';
    expect(stripPdf(ascii(buildPdf([catalog, '<< >>', pages, packed], '/Info 2 0 R'))).incomplete).toBe(true);
  });

  it('is chosen by content', () => {
    expect(stripMetadata(ascii(buildPdf([catalog, pages], '')))?.format).toBe('pdf');
  });
});
