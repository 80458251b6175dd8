/**
 * Sending a report, all in this browser: make the receipt code, derive the reporter's keys
 * from it (Argon2id), make the case keys, encrypt the answers and the optional identity,
 * seal the keys to exactly the people entitled to them, add the proof of work, post.
 * The proof of work is normally solved ahead, while the reporter wrote (pow-ahead.ts); when
 * none is ready it is solved here, last, so its challenge cannot expire during the rest.
 * The request is then kept in memory and re-sent unchanged until the server confirms it
 * (deliver-report.ts), so a lost answer never costs the reporter their receipt.
 */
import type { PublicChannel, PublicInstallation } from '../../../shared/api/channel.schema';
import { fromB64, toB64, type Lang } from '../../../shared/api/common.schema';
import { submitReport as submitReportSchema, type SubmitReportResponse, type WrappedKeyInput } from '../../../shared/api/report.schema';
import { generateReceipt, normalizeReceipt, type AmanaCrypto } from '../../../shared/crypto/index';
import { ApiFailure } from '../api/http';
import { submitReport } from '../api/reporter-api';
import { checkBeforeSend, checkRecipientKey } from '../crypto/check-before-send';
import { takeSolution } from './pow-ahead';
import { deriveKeysFromReceipt } from '../crypto/derive-keys';
import { deliverSubmission, prepared, type PreparedSubmission } from './deliver-report';
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

/**
 * Everything up to the POST, done once per report: receipt, keys, ciphertexts, proof of work.
 * The result is what every later attempt sends, unchanged.
 */
export async function prepareSubmission(input: SendInput): Promise<PreparedSubmission> {
  const { crypto, installation, channel, draft, signal, onProgress } = input;
  const recipients = channel.officers.filter((o) => !draft.excluded.includes(o.id));
  for (const officer of recipients) checkRecipientKey(officer.publicKey, officer.id);
  for (const custodian of installation.custodians) checkRecipientKey(custodian.publicKey, custodian.id);
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
    for (const officer of recipients) {
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
    const request = {
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
      questionnaireVersion: channel.version,
    };
    // the server's own schema and envelope checks, before anything leaves this page
    checkBeforeSend(submitReportSchema, request);
    return prepared(receipt, request);
  } finally {
    keys.caseKey.fill(0);
    keys.notesKey.fill(0);
    keys.identityKey.fill(0);
    reporter.keypair.secretKey.fill(0);
    reporter.loginSecret.fill(0);
  }
}

/** Where the page keeps the submission between attempts: memory only, never storage. */
export interface PendingSubmission {
  current: PreparedSubmission | null;
}

export interface SendOptions {
  /** automatic retries of a lost answer (ms before each); the default is RETRY_DELAYS */
  delays?: readonly number[];
  timeoutMs?: number;
}

function deliver(submission: PreparedSubmission, input: SendInput, options: SendOptions) {
  input.onProgress({ step: 'upload' });
  return deliverSubmission(submission, {
    post: (request, signal) => submitReport(request, signal),
    renewPow: () => solve(input.onProgress, input.signal).finally(() => input.onProgress({ step: 'upload' })),
    signal: input.signal,
    delays: options.delays,
    timeoutMs: options.timeoutMs,
  });
}

/**
 * Sends the pending submission if there is one (a "Send again" after a lost answer), else
 * prepares a new one. `pending` keeps the submission until the server confirmed it, and
 * is cleared when the server said definitively that nothing was stored, so the reporter
 * may edit the report. Only a receipt that collided before any answer was lost is replaced.
 */
export async function sendReport(input: SendInput, pending: PendingSubmission, options: SendOptions = {}): Promise<SendResult> {
  pending.current ??= await prepareSubmission(input);
  for (let fresh = 0; ; fresh++) {
    const submission = pending.current;
    try {
      const response = await deliver(submission, input, options);
      pending.current = null;
      return { receipt: submission.receipt, response };
    } catch (err) {
      if (input.signal.aborted || submission.maybeStored) throw err;
      pending.current = null;
      if (!(err instanceof ApiFailure && err.id === 'receipt_collision') || fresh > 0) throw err;
      pending.current = await prepareSubmission(input);
    }
  }
}
