/**
 * The staff endpoints (shared/api/staff.schema.ts is the contract), each path written once.
 * Request bodies are typed by the shared zod schemas' input types, answers by the shared
 * response interfaces. Requests that carry ciphertext or keys run the server's own schema
 * first (checkBeforeSend), so a malformed envelope is caught before anything leaves.
 */
import type { z } from 'zod';
import type {
  ActivateRequest, ActivateResponse, ActivationStartResponse, AuditResponse, CaseMeta, CaseOfficersResponse, CaseViewResponse,
  GrantRequest, IdentityDecisionRequest, IdentityRequestRequest, IdentityRequestStatus, IdentityRequestView, InboxResponse, KeyBundle,
  LoginRequest, MePatchRequest, PasswordChangeRequest, PreloginResponse, RecoveryRequest, RecoveryStartResponse, SetupRequest,
  SetupResponse, StaffAccessRequest, StaffMessageRequest, StaffProfile, StaffSignIn, StaffSummary, StatusChangeRequest,
  auditQuery, inboxQuery, staffInviteRequest,
} from '../../../../shared/api/staff.schema';
import {
  activateRequest, grantRequest, identityDecisionRequest, identityRequestRequest, passwordChangeRequest, recoveryCompleteRequest,
  statusChangeRequest,
} from '../../../../shared/api/staff.schema';
import { checkBeforeSend } from '../../crypto/check-before-send';
import type { DeadJobView } from '../../../../server/routes/admin-jobs/admin-jobs.schema';
import { anonymous, enc, query, type StaffClient } from './staff-client';

/** Runs `send` only once `req` passes `schema`; a refusal is a rejection with nothing sent. */
function checked<T>(schema: z.ZodType<unknown, z.ZodTypeDef, unknown>, req: unknown, send: () => Promise<T>): Promise<T> {
  try {
    checkBeforeSend(schema, req);
  } catch (err) {
    return Promise.reject(err);
  }
  return send();
}

/* ---------- before sign-in ---------- */
export const completeSetup = (req: SetupRequest) => anonymous<SetupResponse>('POST', '/setup', req);
export const startActivation = (token: string) => anonymous<ActivationStartResponse>('POST', '/auth/activation', { token });
export const activate = (req: ActivateRequest) => checked(activateRequest, req, () => anonymous<ActivateResponse>('POST', '/auth/activate', req));
export const prelogin = (email: string) => anonymous<PreloginResponse>('POST', '/auth/prelogin', { email });
export const login = (req: LoginRequest) => anonymous<StaffSignIn>('POST', '/auth/login', req);
export const startRecovery = (req: RecoveryRequest) => anonymous<RecoveryStartResponse>('POST', '/auth/recovery', req);
export const completeRecovery = (req: z.input<typeof recoveryCompleteRequest>) =>
  checked(recoveryCompleteRequest, req, () => anonymous<StaffSignIn>('POST', '/auth/recovery/complete', req));

/* ---------- the signed-in staff member ---------- */
export const logout = (c: StaffClient) => c.send<void>('POST', '/auth/logout');
export const logoutEverywhere = (c: StaffClient) => c.send<void>('POST', '/auth/logout-all');
export const fetchMe = (c: StaffClient) => c.get<{ me: StaffProfile; publicKey: string | null; keyBundle: KeyBundle | null }>('/me');
export const updateMe = (c: StaffClient, req: MePatchRequest) => c.send<StaffProfile>('PATCH', '/me', req);
export const changePassword = (c: StaffClient, req: PasswordChangeRequest) => checked(passwordChangeRequest, req, () => c.send<void>('POST', '/me/password', req));

/* ---------- officers: inbox and cases ---------- */
export type InboxQuery = Partial<Omit<z.input<typeof inboxQuery>, 'status'>> & { status?: string[] };
export const fetchInbox = (c: StaffClient, q: InboxQuery, signal?: AbortSignal) =>
  c.get<InboxResponse>(`/cases${query({ ...q, status: q.status?.join(',') })}`, signal);

const casePath = (id: string) => `/cases/${enc(id)}`;
export const fetchCase = (c: StaffClient, id: string) => c.get<CaseViewResponse>(casePath(id));
export const fetchCaseOfficers = (c: StaffClient, id: string) => c.get<CaseOfficersResponse>(`${casePath(id)}/officers`);
export const fetchCasePart = (c: StaffClient, id: string, attachmentId: string, index: number) =>
  c.bytes(`${casePath(id)}/attachments/${enc(attachmentId)}/parts/${index}`);
export const postCaseMessage = (c: StaffClient, id: string, req: StaffMessageRequest) =>
  c.send<{ id: string; kind: 'message' | 'note'; createdAt: string }>('POST', `${casePath(id)}/messages`, req);
export const changeStatus = (c: StaffClient, id: string, req: StatusChangeRequest) =>
  checked(statusChangeRequest, req, () => c.send<{ case: CaseMeta }>('POST', `${casePath(id)}/status`, req));
export const setLabels = (c: StaffClient, id: string, labels: string[]) => c.send<{ case: CaseMeta }>('POST', `${casePath(id)}/labels`, { labels });
export const grantAccess = (c: StaffClient, id: string, req: GrantRequest) => checked(grantRequest, req, () => c.send<void>('POST', `${casePath(id)}/grants`, req));
export const requestIdentity = (c: StaffClient, id: string, req: IdentityRequestRequest) =>
  checked(identityRequestRequest, req, () => c.send<{ id: string; status: IdentityRequestStatus; createdAt: string }>('POST', `${casePath(id)}/identity-requests`, req));
export const recordExport = (c: StaffClient, id: string, format: 'pdf' | 'zip') => c.send<void>('POST', `${casePath(id)}/export`, { format });

/* ---------- custodians ---------- */
export const fetchIdentityRequests = (c: StaffClient, status: IdentityRequestStatus, signal?: AbortSignal) =>
  c.get<{ requests: IdentityRequestView[] }>(`/identity-requests${query({ status })}`, signal);
export const decideIdentityRequest = (c: StaffClient, id: string, req: IdentityDecisionRequest) =>
  checked(identityDecisionRequest, req, () => c.send<void>('POST', `/identity-requests/${enc(id)}/decision`, req));

/* ---------- administrators ---------- */
export const fetchStaff = (c: StaffClient, signal?: AbortSignal) => c.get<{ staff: StaffSummary[] }>('/staff', signal);
export const inviteStaff = (c: StaffClient, req: z.input<typeof staffInviteRequest>) =>
  c.send<{ staff: StaffSummary }>('POST', '/staff', req);
export const resendInvite = (c: StaffClient, id: string) => c.send<{ status: 'queued' }>('POST', `/staff/${enc(id)}/invite`);
export const setStaffAccess = (c: StaffClient, id: string, req: StaffAccessRequest) => c.send<{ staff: StaffSummary }>('PUT', `/staff/${enc(id)}/access`, req);
export const deactivateStaff = (c: StaffClient, id: string) => c.send<{ staff: StaffSummary }>('POST', `/staff/${enc(id)}/deactivate`);

export type AuditQuery = Partial<z.input<typeof auditQuery>>;
export const fetchAudit = (c: StaffClient, q: AuditQuery, signal?: AbortSignal) => c.get<AuditResponse>(`/audit${query(q)}`, signal);

/** The admin jobs API's answer type lives beside its route, not yet in shared/api; a type import only. */
export type DeadJob = DeadJobView;
export const fetchDeadJobs = (c: StaffClient, signal?: AbortSignal) => c.get<{ jobs: DeadJob[] }>('/admin/jobs/dead', signal);
export const retryJob = (c: StaffClient, id: string) => c.send<{ id: string; status: 'pending' }>('POST', `/admin/jobs/${enc(id)}/retry`);
