/**
 * A case exported from the officer's browser, decrypted: a ZIP of the answers, the thread,
 * the history and every attachment. The texts are written by the page in its language
 * (`ExportTexts`); case.json holds the same content for machines. Nothing is sent to the
 * server but the fact of the export, for the audit log.
 */
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import type { AttachmentDescriptor } from '../../../../shared/protocol/report-body';
import { decryptAttachmentChunks, type PartFetcher } from '../../attachments/decrypt-attachment';
import type { OpenedStaffCase, CaseEvent, ThreadItem } from '../case/decrypt-case';
import { buildZip, type ZipEntry } from './zip-writer';

export interface ExportTexts {
  title: string;
  reportHeading: string;
  threadHeading: string;
  historyHeading: string;
  identityHeading: string | null;
  question(id: string): string;
  answer(id: string, value: string | string[]): string;
  author(item: ThreadItem): string;
  event(event: CaseEvent): string;
  date(iso: string): string;
  undecryptable: string;
}

const encoder = new TextEncoder();
const text = (s: string): Uint8Array<ArrayBuffer> => encoder.encode(s.endsWith('\n') ? s : `${s}\n`);

/** Every file of the case with the descriptor that opens it, each once. */
export function caseFiles(opened: OpenedStaffCase): AttachmentDescriptor[] {
  const all = [...(opened.report?.attachments ?? []), ...opened.thread.flatMap((m) => m.body?.attachments ?? [])];
  return all.filter((d, i) => all.findIndex((o) => o.attachmentId === d.attachmentId) === i);
}

function reportText(opened: OpenedStaffCase, t: ExportTexts): string {
  const lines = [t.title, '', t.reportHeading, ''];
  if (!opened.report) lines.push(t.undecryptable);
  for (const [id, value] of Object.entries(opened.report?.answers ?? {})) lines.push(`${t.question(id)}:`, t.answer(id, value), '');
  if (t.identityHeading && typeof opened.identity === 'object' && opened.identity) {
    lines.push(t.identityHeading, opened.identity.name, opened.identity.contact, opened.identity.details, '');
  }
  return lines.join('\n');
}

function threadText(opened: OpenedStaffCase, t: ExportTexts): string {
  const lines = [t.threadHeading, ''];
  for (const item of opened.thread) {
    lines.push(`[${t.date(item.createdAt)}] ${t.author(item)}`, item.body ? item.body.text : t.undecryptable);
    for (const d of item.body?.attachments ?? []) lines.push(`  + ${d.name}`);
    lines.push('');
  }
  return lines.join('\n');
}

function historyText(opened: OpenedStaffCase, t: ExportTexts): string {
  const lines = [t.historyHeading, ''];
  for (const event of opened.view.events) {
    lines.push(`[${t.date(event.at)}] ${t.event(event)}`);
    const reason = opened.reasons.get(event.id);
    if (reason !== undefined) lines.push(`  ${reason ?? t.undecryptable}`);
  }
  return lines.join('\n');
}

function caseJson(opened: OpenedStaffCase): string {
  const { view } = opened;
  return JSON.stringify(
    {
      case: view.case,
      report: opened.report,
      identity: typeof opened.identity === 'object' ? opened.identity : null,
      thread: opened.thread.map(({ id, kind, author, createdAt, body }) => ({ id, kind, author, createdAt, text: body?.text ?? null, attachments: body?.attachments.map((a) => a.name) ?? [] })),
      history: view.events.map((e) => ({ at: e.at, kind: e.kind, actorId: e.actorId, detail: e.detail, reason: opened.reasons.get(e.id) ?? null })),
      access: view.access,
    },
    // File keys stay out of the export: the files themselves are in it, decrypted.
    (key, value: unknown) => (key === 'fileKey' || key === 'header' ? undefined : value),
    2,
  );
}

export async function buildCaseZip(crypto: AmanaCrypto, opened: OpenedStaffCase, fetchPart: PartFetcher, texts: ExportTexts): Promise<Blob> {
  const entries: ZipEntry[] = [
    { name: 'report.txt', data: [text(reportText(opened, texts))] },
    { name: 'messages.txt', data: [text(threadText(opened, texts))] },
    { name: 'history.txt', data: [text(historyText(opened, texts))] },
    { name: 'case.json', data: [text(caseJson(opened))] },
  ];
  const files = caseFiles(opened);
  for (const [index, d] of files.entries()) {
    const parts = opened.view.attachments.find((a) => a.id === d.attachmentId)?.parts;
    if (parts === undefined) continue;
    entries.push({ name: `attachments/${String(index + 1).padStart(2, '0')}-${d.name || 'file'}`, data: await decryptAttachmentChunks(crypto, d, parts, fetchPart) });
  }
  return buildZip(entries);
}
