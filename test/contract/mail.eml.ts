/**
 * A deliberately small RFC 5322 / MIME reader for the mail tests: headers (unfolded),
 * one level of multipart, and the quoted-printable and base64 transfer encodings that
 * nodemailer uses for non-ASCII text. No mail parser is installed, and this one is strict
 * enough that a malformed message fails the tests.
 */
export interface MimePart {
  headers: Map<string, string>;
  body: string;
}

export interface ParsedMail extends MimePart {
  parts: MimePart[];
}

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error('no blank line between headers and body');
  const headers = new Map<string, string>();
  const unfolded = raw.slice(0, end).replace(/\r\n[ \t]+/g, ' ');
  for (const line of unfolded.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed header line: ${line}`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end + 4) };
}

function decode(part: MimePart): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const soft = part.body.replace(/=\r\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const hex = soft.slice(i + 1, i + 3);
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(soft[i] ?? '', 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return part.body;
}

export function parseEml(raw: string): ParsedMail {
  const { headers, body } = splitHead(raw);
  const type = headers.get('content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || boundary === undefined) return { headers, body, parts: [] };
  const sections = body.split(`--${boundary}`);
  const closing = sections.findIndex((s) => s.startsWith('--'));
  if (closing < 0) throw new Error('multipart without closing boundary');
  const parts = sections.slice(1, closing).map((section) => {
    const part = splitHead(section.replace(/^\r\n/, '').replace(/\r\n$/, ''));
    return part;
  });
  return { headers, body, parts };
}

export function partOfType(mail: ParsedMail, mimeType: string): string {
  const part = mail.parts.find((p) => (p.headers.get('content-type') ?? '').toLowerCase().startsWith(mimeType));
  if (part === undefined) throw new Error(`no ${mimeType} part`);
  return decode(part).replace(/\r\n$/, '');
}

/** A notification as services will send them: no content, a link, three languages. */
export const sampleMail = {
  messageId: 'notify:case_7Qk2:new-case:staff_91',
  to: 'officer@commune.example',
  subject: 'بلاغ جديد / Nouveau signalement',
  text: 'يوجد بلاغ جديد في صندوقك.\nUn nouveau signalement vous attend: http://localhost:8080/staff',
  html: '<p dir="rtl" lang="ar">يوجد بلاغ جديد في صندوقك.</p><p><a href="http://localhost:8080/staff">Ouvrir</a></p>',
  language: 'ar' as const,
};
