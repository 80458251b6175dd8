/** The statistics endpoints, called with the signed-in staff member's client (token in memory). */
import type { AnnualReportResponse, DashboardQuery, DashboardResponse, TransparencyResponse, TransparencySettings, TransparencyState } from '../../../shared/api/statistics.schema';
import type { Lang } from '../i18n/languages';
import { query, type StaffClient } from '../staff/api/staff-client';

export function fetchDashboard(client: StaffClient, filters: DashboardQuery, signal?: AbortSignal): Promise<DashboardResponse> {
  return client.get<DashboardResponse>(`/statistics/dashboard${query({ from: filters.from, to: filters.to, channel: filters.channel })}`, signal);
}

export function fetchAnnualReport(client: StaffClient, year: number, signal?: AbortSignal): Promise<AnnualReportResponse> {
  return client.get<AnnualReportResponse>(`/statistics/annual-report${query({ year })}`, signal);
}

/** the export as the server writes it, for a download */
export function fetchAnnualReportFile(client: StaffClient, year: number, format: 'csv' | 'json', lang: Lang): Promise<Uint8Array> {
  return client.bytes(`/statistics/annual-report${query({ year, format, lang })}`);
}

export function fetchTransparencySettings(client: StaffClient): Promise<TransparencyState> {
  return client.get<TransparencyState>('/admin/transparency');
}

export function saveTransparencySettings(client: StaffClient, settings: TransparencySettings): Promise<TransparencyState> {
  return client.send<TransparencyState>('PUT', '/admin/transparency', settings);
}

/** exactly what the public page shows (or would show once switched on) with the saved settings */
export function fetchTransparencyPreview(client: StaffClient): Promise<TransparencyResponse> {
  return client.get<TransparencyResponse>('/admin/transparency/preview');
}
