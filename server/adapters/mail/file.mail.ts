/**
 * The embedded mail adapter: each message becomes an RFC 5322 .eml file under
 * DATA_DIR/outbox, for an operator to inspect or hand to a mail system. The file name is a
 * hash of the deterministic message id, so a job retried after a crash rewrites the same
 * file instead of leaving a second notification behind.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { access, constants, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import nodemailer, { type Transporter } from 'nodemailer';
import type StreamTransport from 'nodemailer/lib/stream-transport';
import type { MailMessage, Mailer } from '../../ports/mail.port';
import { composeMail, sha256Hex } from './compose.mail';

export class FileMailer implements Mailer {
  readonly kind = 'file' as const;
  private readonly transport: Transporter<StreamTransport.SentMessageInfo, StreamTransport.Options>;

  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {
    // Recipients' addresses are personal data: owner-only folder and files.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    removeStaleTemps(dir);
    // CRLF line ends, as RFC 5322 specifies (bodies are normalised in composeMail).
    this.transport = nodemailer.createTransport({ streamTransport: true, buffer: false, newline: 'windows' });
  }

  /** Where a message with this id is (or would be) written. */
  fileFor(messageId: string): string {
    return path.join(this.dir, `${sha256Hex(messageId)}.eml`);
  }

  async send(message: MailMessage): Promise<void> {
    const info = await this.transport.sendMail(composeMail(message, this.from));
    const source = Buffer.isBuffer(info.message) ? Readable.from([info.message]) : info.message;
    const file = this.fileFor(message.messageId);
    const temp = path.join(this.dir, `.tmp-${randomBytes(12).toString('hex')}`);
    try {
      await pipeline(source, createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true }));
      await rename(temp, file);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
  }

  async ping(): Promise<void> {
    await access(this.dir, constants.W_OK);
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** A half-written message left by a crash; an hour is far beyond any write in progress. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Removes partial messages left by a crash mid-write: they are never sent, but they hold
 * a recipient's address. Recent ones may belong to another process writing right now.
 */
function removeStaleTemps(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('.tmp-')) continue;
    const file = path.join(dir, name);
    const stats = statSync(file, { throwIfNoEntry: false });
    if (stats && Date.now() - stats.mtimeMs > STALE_TEMP_MS) rmSync(file, { force: true });
  }
}
