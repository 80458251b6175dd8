/** SMTP when SMTP_URL is set, .eml files under DATA_DIR/outbox otherwise. */
import type { Config } from '../../../config';
import type { Mailer } from '../../ports/mail.port';
import { FileMailer } from './file.mail';
import { SmtpMailer } from './smtp.mail';

export function createMailer(config: Config): Mailer {
  const smtpUrl = config.env.SMTP_URL;
  if (smtpUrl !== undefined) return new SmtpMailer(smtpUrl, config.env.MAIL_FROM);
  return new FileMailer(config.paths.mailOutbox, config.env.MAIL_FROM);
}
