import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileMailer } from '../../server/adapters/mail/file.mail';
import { MailHasResources, messageIdHeader } from '../../server/adapters/mail/compose.mail';
import { parseEml, partOfType, sampleMail } from './mail.eml';

const FROM = 'amana@commune.example';

describe('FileMailer (.eml outbox)', () => {
  let dir: string;
  let outbox: string;
  let mailer: FileMailer;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'amana-mail-'));
    outbox = path.join(dir, 'outbox');
    mailer = new FileMailer(outbox, FROM);
  });
  afterEach(async () => {
    await mailer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one RFC 5322 message with text and html parts, owner-only', async () => {
    await mailer.send(sampleMail);
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    const file = mailer.fileFor(sampleMail.messageId);
    expect(path.basename(file)).toBe(files[0]);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const raw = readFileSync(file, 'utf8');
    // Every line ends in CRLF, as RFC 5322 requires.
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const mail = parseEml(raw);
    expect(mail.headers.get('message-id')).toBe(messageIdHeader(sampleMail.messageId, FROM));
    expect(mail.headers.get('message-id')).toMatch(/^<[0-9a-f]{32}@commune\.example>$/);
    expect(mail.headers.get('content-language')).toBe('ar');
    expect(mail.headers.get('from')).toBe(FROM);
    expect(mail.headers.get('to')).toBe(sampleMail.to);
    expect(mail.headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    expect(partOfType(mail, 'text/plain')).toBe(sampleMail.text.replace(/\n/g, '\r\n'));
    expect(partOfType(mail, 'text/html')).toBe(sampleMail.html);
  });

  it('carries no image, remote resource or raw case id', async () => {
    await mailer.send(sampleMail);
    const raw = readFileSync(mailer.fileFor(sampleMail.messageId), 'utf8');
    expect(raw).not.toMatch(/<img/i);
    expect(raw).not.toMatch(/\bsrc\s*=/i);
    expect(raw).not.toContain('case_7Qk2');
  });

  it('is idempotent: the same message id rewrites the same file', async () => {
    await mailer.send(sampleMail);
    await mailer.send({ ...sampleMail, subject: 'second attempt' });
    expect(readdirSync(outbox)).toHaveLength(1);
    const mail = parseEml(readFileSync(mailer.fileFor(sampleMail.messageId), 'utf8'));
    expect(mail.headers.get('subject')).toContain('second attempt');
    await mailer.send({ ...sampleMail, messageId: 'notify:case_7Qk2:new-case:staff_92' });
    expect(readdirSync(outbox)).toHaveLength(2);
  });

  it('refuses html that would load an image or any remote resource, writing nothing', async () => {
    const beacons = [
      '<p>hi</p><img src="https://tracker.example/p.gif">',
      '<p style="background:url(https://t.example/x)">hi</p>',
      '<link rel="stylesheet" href="https://t.example/s.css">',
      '<table background="https://t.example/b.png"></table>',
      '<IMG SRC=x>',
    ];
    for (const html of beacons) {
      await expect(mailer.send({ ...sampleMail, html })).rejects.toBeInstanceOf(MailHasResources);
    }
    expect(readdirSync(outbox)).toEqual([]);
  });

  it('answers ping while the folder is writable', async () => {
    await expect(mailer.ping()).resolves.toBeUndefined();
    rmSync(outbox, { recursive: true });
    await expect(mailer.ping()).rejects.toThrow();
  });
});

describe('FileMailer start-up', () => {
  it('removes partial messages a crash left behind, but not ones being written now', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'amana-mail-'));
    try {
      const outbox = path.join(dir, 'outbox');
      mkdirSync(outbox);
      const stale = path.join(outbox, '.tmp-stale');
      const fresh = path.join(outbox, '.tmp-fresh');
      writeFileSync(stale, 'To: someone@example.org\r\n');
      writeFileSync(fresh, 'To: someone@example.org\r\n');
      const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
      utimesSync(stale, twoHoursAgo, twoHoursAgo);
      new FileMailer(outbox, FROM);
      expect(readdirSync(outbox)).toEqual(['.tmp-fresh']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
