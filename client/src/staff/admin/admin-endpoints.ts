/**
 * The administration console's endpoints (shared/api/admin.schema.ts is the contract), each
 * path written once. The logo goes up as the raw image body, not JSON, so it is sent with
 * fetch directly, with the same bearer token and request-forgery header as every staff write.
 */
import type { z } from 'zod';
import type {
  AdminChannel, AdminChannelCreate, AdminChannelUpdate, ChannelVersionResponse, ChannelVersionSummary, DefinitionProblem,
  InstallationSettings, Readiness, ReadinessItemId, RecipientsPreview, SettingsHistoryEntry, SettingsLimits, absenceRequest,
} from '../../../../shared/api/admin.schema';
import type { StaffSummary } from '../../../../shared/api/staff.schema';
import { enc, query, type StaffClient } from '../api/staff-client';

export const fetchAdminChannels = (c: StaffClient, signal?: AbortSignal) => c.get<{ channels: AdminChannel[] }>('/admin/channels', signal);
export const createChannel = (c: StaffClient, req: AdminChannelCreate) =>
  c.send<{ channel: AdminChannel }>('POST', '/admin/channels', req);
export const updateChannel = (c: StaffClient, id: string, req: AdminChannelUpdate) => c.send<{ channel: AdminChannel }>('PUT', `/admin/channels/${enc(id)}`, req);
export const setChannelActive = (c: StaffClient, id: string, active: boolean) => c.send<{ channel: AdminChannel }>('PUT', `/admin/channels/${enc(id)}/active`, { active });
export const orderChannels = (c: StaffClient, ids: string[]) => c.send<{ channels: AdminChannel[] }>('PUT', '/admin/channels/order', { ids });
export const checkDefinition = (c: StaffClient, definition: unknown) => c.send<{ problems: DefinitionProblem[] }>('POST', '/admin/channels/check', { definition });
export const fetchChannelVersions = (c: StaffClient, id: string, signal?: AbortSignal) =>
  c.get<{ versions: ChannelVersionSummary[] }>(`/admin/channels/${enc(id)}/versions`, signal);
export const fetchChannelVersion = (c: StaffClient, id: string, version: number) => c.get<ChannelVersionResponse>(`/channels/${enc(id)}/versions/${version}`);
export const fetchRecipients = (c: StaffClient, id: string, category: string | null, signal?: AbortSignal) =>
  c.get<RecipientsPreview>(`/admin/channels/${enc(id)}/recipients${query({ category })}`, signal);

export const setAbsence = (c: StaffClient, id: string, req: z.input<typeof absenceRequest>) => c.send<{ staff: StaffSummary }>('PUT', `/admin/staff/${enc(id)}/absence`, req);

export const fetchSettings = (c: StaffClient, signal?: AbortSignal) => c.get<{ settings: InstallationSettings; limits: SettingsLimits }>('/admin/settings', signal);
export const saveSettings = (c: StaffClient, settings: InstallationSettings) => c.send<{ settings: InstallationSettings }>('PUT', '/admin/settings', settings);
export const fetchSettingsHistory = (c: StaffClient, signal?: AbortSignal) => c.get<{ entries: SettingsHistoryEntry[] }>('/admin/settings/history', signal);

export const fetchReadiness = (c: StaffClient, signal?: AbortSignal) => c.get<Readiness>('/admin/readiness', signal);
export const confirmReadiness = (c: StaffClient, item: ReadinessItemId) => c.send<Readiness>('POST', `/admin/readiness/${enc(item)}/confirm`);

export const uploadLogo = (c: StaffClient, file: Blob) => c.upload<{ hasLogo: true }>('PUT', '/admin/logo', file);
export const removeLogo = (c: StaffClient) => c.send<{ hasLogo: false }>('DELETE', '/admin/logo');
