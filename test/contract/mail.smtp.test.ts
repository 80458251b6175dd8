/**
 * The SMTP adapter against a tiny SMTP server written here with node:net: just enough of
 * RFC 5321 (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to receive what nodemailer sends.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { SmtpMailer } from '../../server/adapters/mail/smtp.mail';
import { MailHasResources, messageIdHeader } from '../../server/adapters/mail/compose.mail';
import { parseEml, partOfType, sampleMail } from './mail.eml';

const FROM = 'amana@commune.example';

interface Received {
  from: string;
  to: string[];
  data: string;
}

function startSmtpServer(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let inData = false;
    let current: Received = { from: '', to: [], data: '' };
    const reply = (line: string): void => void socket.write(`${line}\r\n`);
    reply('220 test.local ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          // Undo dot-stuffing (RFC 5321 4.5.2).
          current.data = buffer.slice(0, end + 2).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: '', to: [], data: '' };
          reply('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250-test.local\r\n250-8BITMIME\r\n250 SMTPUTF8');
        else if (verb === 'MAIL') {
          current.from = line;
          reply('250 2.1.0 ok');
        } else if (verb === 'RCPT') {
          if (line.includes('refused@')) reply('550 5.1.1 no such user');
          else {
            current.to.push(line);
            reply('250 2.1.5 ok');
          }
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 go ahead');
        } else if (verb === 'RSET') {
          current = { from: '', to: [], data: '' };
          reply('250 2.0.0 ok');
        } else if (verb === 'NOOP') reply('250 2.0.0 ok');
        else if (verb === 'QUIT') {
          reply('221 2.0.0 bye');
          socket.end();
        } else reply('502 5.5.2 not implemented');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        received,
        close: () =>
          new Promise<void>((done) => {
            sockets.forEach((s) => s.destroy());
            server.close(() => done());
          }),
      });
    });
  });
}

describe('SmtpMailer', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: SmtpMailer;

  beforeEach(async () => {
    smtp = await startSmtpServer();
    mailer = new SmtpMailer(`smtp://127.0.0.1:${smtp.port}`, FROM);
  });
  afterEach(async () => {
    await mailer.close();
    await smtp.close();
  });

  it('answers ping with an SMTP handshake', async () => {
    await expect(mailer.ping()).resolves.toBeUndefined();
  });

  it('delivers a multipart text+html message with the deterministic Message-ID and language', async () => {
    await mailer.send(sampleMail);
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message?.to).toEqual([`RCPT TO:<${sampleMail.to}>`]);
    const mail = parseEml(message?.data ?? '');
    expect(mail.headers.get('message-id')).toBe(messageIdHeader(sampleMail.messageId, FROM));
    expect(mail.headers.get('content-language')).toBe('ar');
    expect(mail.headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    expect(partOfType(mail, 'text/plain')).toBe(sampleMail.text.replace(/\n/g, '\r\n'));
    expect(partOfType(mail, 'text/html')).toBe(sampleMail.html);
    expect(message?.data).not.toMatch(/<img/i);
  });

  it('sends the same Message-ID again on a retry, so downstream can recognise it', async () => {
    await mailer.send(sampleMail);
    await mailer.send(sampleMail);
    const ids = smtp.received.map((m) => parseEml(m.data).headers.get('message-id'));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('fails when the server refuses the recipient, so the job retries', async () => {
    await expect(mailer.send({ ...sampleMail, to: 'refused@commune.example' })).rejects.toThrow();
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses html with remote resources before connecting', async () => {
    await expect(mailer.send({ ...sampleMail, html: '<img src="https://t.example/p.gif">' })).rejects.toBeInstanceOf(MailHasResources);
    expect(smtp.received).toHaveLength(0);
  });

  it('fails ping when nothing listens', async () => {
    const closed = new SmtpMailer('smtp://127.0.0.1:1', FROM);
    await expect(closed.ping()).rejects.toThrow();
    await closed.close();
  });
});
