/**
 * Sending a report, all in this browser: make the receipt code, derive the reporter's keys
 * from it (Argon2id), make the case keys, encrypt the answers and the optional identity,
 * seal the keys to exactly the people entitled to them, add the proof of work, post.
 * The proof of work is normally solved ahead, while the reporter wrote (pow-ahead.ts); when
 * none is ready it is solved here, last, so its challenge cannot expire during the rest.
 */
import type { PublicChannel, PublicInstallation } from '../../../shared/api/channel.schema';
import { fromB64, toB64, type Lang } from '../../../shared/api/common.schema';
import type { SubmitReportResponse, WrappedKeyInput } from '../../../shared/api/report.schema';
import { generateReceipt, normalizeReceipt, type AmanaCrypto } from '../../../shared/crypto/index';
import { ApiFailure } from '../api/http';
import { submitReport } from '../api/reporter-api';
import { takeSolution } from './pow-ahead';
import { deriveKeysFromReceipt } from '../crypto/derive-keys';
import { answersToSend, type Draft } from './draft';
import { CONTEXT, type AttachmentDescriptor, type IdentityV1, type ReportBodyV1 } from '../../../shared/protocol/report-body';

export type SendStep = 'receipt' | 'keys' | 'encrypt' | 'pow' | 'upload';

export interface SendProgress {
  step: SendStep;
}

export interface SendInput {
  crypto: AmanaCrypto;
  installation: PublicInstallation;
  channel: PublicChannel;
  draft: Draft;
  language: Lang;
  attachments: AttachmentDescriptor[];
  onProgress(progress: SendProgress): void;
  signal: AbortSignal;
}

export interface SendResult {
  /** 20 ASCII digits */
  receipt: string;
  response: SubmitReportResponse;
}

const encoder = new TextEncoder();

export function identityAllowed(channel: PublicChannel, installation: PublicInstallation): boolean {
  return channel.definition.allowIdentity && installation.custodians.length > 0;
}

/** The proof of work, usually solved while the reporter wrote (pow-ahead.ts). */
function solve(onProgress: SendInput['onProgress'], signal: AbortSignal) {
  onProgress({ step: 'pow' });
  return takeSolution(signal);
}

async function attempt(input: SendInput): Promise<SendResult> {
  const { crypto, installation, channel, draft, signal, onProgress } = input;
  onProgress({ step: 'receipt' });
  const receipt = normalizeReceipt(generateReceipt());
  onProgress({ step: 'keys' });
  const reporter = await deriveKeysFromReceipt(crypto, receipt, installation);
  signal.throwIfAborted();

  onProgress({ step: 'encrypt' });
  const keys = crypto.newCaseKeys();
  try {
    const filesFor = (questionId: string) => input.attachments.filter((a) => a.questionId === questionId).map((a) => a.attachmentId);
    const body: ReportBodyV1 = {
      v: 1,
      channelId: channel.id,
      category: draft.category,
      language: input.language,
      answers: answersToSend(channel.definition.questionnaire, draft.answers, filesFor),
      attachments: input.attachments,
    };
    const plain = encoder.encode(JSON.stringify(body));
    if (plain.length > installation.limits.reportBytes) throw new ApiFailure('payload_too_large', 0, 'The report is too long.');
    const encryptedBody = crypto.encryptEnvelope(keys.caseKey, plain, CONTEXT.body, 'body');

    const wrapped: WrappedKeyInput[] = [{ kind: 'case', recipient: 'reporter', wrapped: toB64(crypto.wrapKeyForSelf(keys.caseKey, reporter.keypair.secretKey, 'case')) }];
    for (const officer of channel.officers.filter((o) => !draft.excluded.includes(o.id))) {
      const pk = fromB64(officer.publicKey);
      wrapped.push({ kind: 'case', recipient: officer.id, wrapped: toB64(crypto.wrapKey(keys.caseKey, pk, 'case')) });
      wrapped.push({ kind: 'notes', recipient: officer.id, wrapped: toB64(crypto.wrapKey(keys.notesKey, pk, 'notes')) });
    }
    let identity: string | null = null;
    if (draft.identity.enabled && identityAllowed(channel, installation)) {
      const disclosed: IdentityV1 = { v: 1, name: draft.identity.name.trim(), contact: draft.identity.contact.trim(), details: draft.identity.details.trim() };
      identity = toB64(crypto.encryptEnvelope(keys.identityKey, encoder.encode(JSON.stringify(disclosed)), CONTEXT.identity, 'identity'));
      for (const custodian of installation.custodians) {
        wrapped.push({ kind: 'identity', recipient: custodian.id, wrapped: toB64(crypto.wrapKey(keys.identityKey, fromB64(custodian.publicKey), 'identity')) });
      }
    }

    const pow = await solve(onProgress, signal);
    onProgress({ step: 'upload' });
    const response = await submitReport({
      channelId: channel.id,
      category: draft.category,
      language: input.language,
      pow,
      reporterPublicKey: toB64(reporter.keypair.publicKey),
      loginSecret: toB64(reporter.loginSecret),
      body: toB64(encryptedBody),
      identity,
      keys: wrapped,
      attachmentIds: input.attachments.map((a) => a.attachmentId),
    });
    return { receipt, response };
  } finally {
    keys.caseKey.fill(0);
    keys.notesKey.fill(0);
    keys.identityKey.fill(0);
    reporter.keypair.secretKey.fill(0);
    reporter.loginSecret.fill(0);
  }
}

/**
 * An expired challenge or (once in 10^20) a receipt already in use is not the reporter's
 * problem: both are retried once with a fresh challenge and a fresh receipt.
 */
export async function sendReport(input: SendInput): Promise<SendResult> {
  try {
    return await attempt(input);
  } catch (err) {
    if (err instanceof ApiFailure && (err.id === 'pow_invalid' || err.id === 'receipt_collision') && !input.signal.aborted) return attempt(input);
    throw err;
  }
}
