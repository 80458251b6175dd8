/**
 * Mail over SMTP (SMTP_URL), through a small pool of kept-alive connections so a burst of
 * notifications does not open one TCP and TLS session per message.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { MailMessage, Mailer } from '../../ports/mail.port';
import { composeMail } from './compose.mail';

/**
 * nodemailer reads only the URL when given one (other options next to `url` are dropped),
 * so pooling is asked for in the URL itself.
 */
export function pooledUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  url.searchParams.set('pool', 'true');
  return url.toString();
}

export class SmtpMailer implements Mailer {
  readonly kind = 'smtp' as const;
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(pooledUrl(smtpUrl));
  }

  async send(message: MailMessage): Promise<void> {
    const info = await this.transport.sendMail(composeMail(message, this.from));
    // A server that accepts the transaction but refuses the recipient does not throw.
    if (info.rejected.length > 0) throw new Error('SMTP server rejected the recipient');
  }

  async ping(): Promise<void> {
    await this.transport.verify();
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
