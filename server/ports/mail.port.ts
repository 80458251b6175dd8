/**
 * The mail port. Adapters: nodemailer over SMTP (SMTP_URL) or .eml files in
 * DATA_DIR/outbox. Messages carry no case content and no remote resources.
 * `messageId` is deterministic per event so a repeated send is recognisable downstream,
 * and the file adapter writes it idempotently.
 */
export interface MailMessage {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  language: 'ar' | 'fr' | 'en';
}

export interface Mailer {
  readonly kind: 'smtp' | 'file';
  send(message: MailMessage): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
