/**
 * An officer writes in a case: a message to the reporter (under the case key) or an
 * internal note (under the notes key, so only officers holding it can read it). The first
 * message to the reporter is the "feedback" the legal deadline asks for. Reporters have no
 * address, so nothing is mailed: they see the message when they next come back.
 */
import type { StaffMessageRequest } from '../../../shared/api/staff.schema';
import { MessageExists } from '../../errors';
import type { MessageRecord, StaffRecord } from '../../ports/store.port';
import { checkClaimable } from '../claimable-attachments';
import { NotesKeyRequired } from '../staff/staff-errors';
import { audit, type StaffDeps } from '../staff/staff-deps';
import { caseForOfficer } from './case-access';

export async function postStaffMessage(deps: Pick<StaffDeps, 'store' | 'config' | 'now'>, staff: StaffRecord, caseId: string, input: StaffMessageRequest): Promise<MessageRecord> {
  const { store } = deps;
  const { record, holds } = await caseForOfficer(store, staff, caseId);
  if (input.kind === 'note' && !holds('notes')) throw NotesKeyRequired();
  const existing = await store.messages.list(caseId, ['message', 'note']);
  if (existing.some((m) => m.id === input.id)) throw MessageExists();
  await checkClaimable(store, input.attachmentIds, deps.config.limits.attachmentsPerReport);
  const now = deps.now();
  const message: MessageRecord = {
    id: input.id,
    caseId,
    author: staff.id,
    kind: input.kind,
    body: new Uint8Array(Buffer.from(input.body, 'base64')),
    attachmentIds: input.attachmentIds,
    createdAt: now,
  };
  await store.messages.add(message, []);
  if (input.kind === 'message' && record.firstFeedbackAt === null) await store.cases.update(caseId, { firstFeedbackAt: now }, null, []);
  await audit(deps, staff.id, input.kind === 'note' ? 'case.note' : 'case.message', caseId, { messageId: message.id, attachments: input.attachmentIds.length });
  return message;
}
