/**
 * The reporter's endpoints (shared/api is the contract). Paths are listed once here.
 * Public channel data is validated on arrival: officers' public keys are about to receive
 * the case key, so a malformed one must stop the submission, not corrupt it.
 */
import { z } from 'zod';
import { publicChannel, publicInstallation, type PublicChannelsResponse } from '../../../shared/api/channel.schema';
import type {
  AttachmentUploadState,
  CreateAttachment,
  FollowUpCase,
  FollowUpMessage,
  PostMessage,
  PowChallenge,
  SessionResponse,
  SubmitReport,
  SubmitReportResponse,
} from '../../../shared/api/report.schema';
import { ApiFailure, requestBytes, requestJson } from './http';

const API = '/api/v1';

export const paths = {
  channels: `${API}/public/channels`,
  pow: `${API}/pow`,
  reports: `${API}/reports`,
  attachments: `${API}/attachments`,
  attachment: (id: string) => `${API}/attachments/${encodeURIComponent(id)}`,
  attachmentPart: (id: string, index: number) => `${API}/attachments/${encodeURIComponent(id)}/parts/${index}`,
  session: `${API}/reporter/session`,
  reporterCase: `${API}/reporter/case`,
  reporterMessages: `${API}/reporter/messages`,
  reporterAttachmentPart: (id: string, index: number) => `${API}/reporter/attachments/${encodeURIComponent(id)}/parts/${index}`,
} as const;

const channelsResponse = z.object({ installation: publicInstallation, channels: z.array(publicChannel) });

export async function fetchChannels(signal?: AbortSignal): Promise<PublicChannelsResponse> {
  const raw = await requestJson<unknown>('GET', paths.channels, { signal });
  const parsed = channelsResponse.safeParse(raw);
  if (!parsed.success) throw new ApiFailure('bad_response', 200, 'The channel list is malformed.');
  return parsed.data;
}

export function fetchPow(): Promise<PowChallenge> {
  return requestJson<PowChallenge>('GET', paths.pow);
}

export function submitReport(report: SubmitReport, signal?: AbortSignal): Promise<SubmitReportResponse> {
  return requestJson<SubmitReportResponse>('POST', paths.reports, { json: report, signal });
}

/** announces an upload; `pow` is a solution of its own, spent by this announcement */
export function createAttachment(announce: CreateAttachment, token: string | null, signal?: AbortSignal): Promise<AttachmentUploadState> {
  return requestJson<AttachmentUploadState>('POST', paths.attachments, { json: announce, token, signal });
}

export function attachmentState(id: string, token: string | null): Promise<AttachmentUploadState> {
  return requestJson<AttachmentUploadState>('GET', paths.attachment(id), { token });
}

export function putAttachmentPart(id: string, index: number, bytes: Uint8Array, token: string | null, signal?: AbortSignal): Promise<unknown> {
  return requestJson<unknown>('PUT', paths.attachmentPart(id, index), { bytes, token, signal });
}

export function fetchAttachmentPart(id: string, index: number, token: string): Promise<Uint8Array> {
  return requestBytes('GET', paths.reporterAttachmentPart(id, index), { token });
}

/** `pow` only once the server answered `pow_required` (many wrong receipts lately) */
export function openSession(loginSecret: string, pow?: { challenge: string; nonce: string }): Promise<SessionResponse> {
  return requestJson<SessionResponse>('POST', paths.session, { json: pow ? { loginSecret, pow } : { loginSecret } });
}

export function fetchCase(token: string): Promise<FollowUpCase> {
  return requestJson<FollowUpCase>('GET', paths.reporterCase, { token });
}

export function postMessage(token: string, message: PostMessage): Promise<FollowUpMessage> {
  return requestJson<FollowUpMessage>('POST', paths.reporterMessages, { json: message, token });
}
