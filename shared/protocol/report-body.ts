/**
 * What the reporter's browser encrypts. The server sees none of it; the officers' browsers
 * read it after opening the case key. Versioned so a later format can be told apart.
 * Attachments are described here, file key and STREAM header included: whoever can open
 * the report can open its files, and nobody else learns their names or types.
 */
export type AnswerValue = string | string[];

export interface AttachmentDescriptor {
  attachmentId: string;
  name: string;
  /** media type as the browser reported it (may be empty) */
  type: string;
  /** plaintext bytes after metadata removal */
  size: number;
  /** base64: the attachment's random STREAM key */
  fileKey: string;
  /** base64: the STREAM header (version and nonce prefix) */
  header: string;
  /** the file question it answers, or null for a general attachment */
  questionId: string | null;
}

export interface ReportBodyV1 {
  v: 1;
  channelId: string;
  category: string;
  language: string;
  /** visible questions only; a file question's answer is the list of its attachment ids */
  answers: Record<string, AnswerValue>;
  attachments: AttachmentDescriptor[];
}

export interface IdentityV1 {
  v: 1;
  name: string;
  contact: string;
  details: string;
}

/** A message between the reporter and the officers; encrypted under the case key with its id as context. */
export interface MessageBodyV1 {
  v: 1;
  text: string;
  attachments: AttachmentDescriptor[];
}

/**
 * Envelope contexts (associated data) of the report and the disclosed identity, as fixed by
 * docs/PROTOCOL.md §5: every reader must use the same string as the writer.
 */
export const CONTEXT = {
  body: 'report',
  identity: 'identity',
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDescriptor(value: unknown): value is AttachmentDescriptor {
  if (!isRecord(value)) return false;
  return (
    typeof value.attachmentId === 'string' &&
    typeof value.name === 'string' &&
    typeof value.type === 'string' &&
    typeof value.size === 'number' &&
    typeof value.fileKey === 'string' &&
    typeof value.header === 'string' &&
    (value.questionId === null || typeof value.questionId === 'string')
  );
}

function isAnswer(value: unknown): value is AnswerValue {
  return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

/** Decrypted JSON is still untrusted input: check its shape before rendering it. */
export function parseReportBody(json: string): ReportBodyV1 | null {
  const value: unknown = JSON.parse(json);
  if (!isRecord(value) || value.v !== 1 || !isRecord(value.answers) || !Array.isArray(value.attachments)) return null;
  if (typeof value.channelId !== 'string' || typeof value.category !== 'string' || typeof value.language !== 'string') return null;
  if (!Object.values(value.answers).every(isAnswer) || !value.attachments.every(isDescriptor)) return null;
  return value as unknown as ReportBodyV1;
}

export function parseMessageBody(json: string): MessageBodyV1 | null {
  const value: unknown = JSON.parse(json);
  if (!isRecord(value) || value.v !== 1 || typeof value.text !== 'string' || !Array.isArray(value.attachments)) return null;
  if (!value.attachments.every(isDescriptor)) return null;
  return value as unknown as MessageBodyV1;
}
