/**
 * The installation the submission tests share: default channels, two officers on the
 * corruption channel, an officer elsewhere, a custodian; and the helpers that check a
 * refused submission wrote nothing (row counts of every table).
 */
import request from 'supertest';
import { seedDefaults } from '../../../server/services/seed-defaults';
import { createTestApp, givenKeyedStaff, rowCounts, type KeyedStaff, type TestApp } from '../../support/test-app';
import { buildReport, submit, type ReportBody, type ReportOptions } from './reporter-kit';

export interface SubmitFixture {
  t: TestApp;
  lead: KeyedStaff;
  second: KeyedStaff;
  custodian: KeyedStaff;
  outsider: KeyedStaff;
  complaintsOfficer: KeyedStaff;
  corruptionReport(extra?: Partial<ReportOptions>): ReturnType<typeof buildReport>;
  valid(): Promise<ReportBody>;
  expectRefused(send: () => Promise<request.Response>, status: number, id: string, details?: Record<string, unknown>): Promise<void>;
  refused(body: ReportBody | Record<string, unknown>, status: number, id: string, details?: Record<string, unknown>): Promise<void>;
}

export async function submitFixture(): Promise<SubmitFixture> {
  const t = await createTestApp();
  await seedDefaults(t);
  const lead = await givenKeyedStaff(t.store, { channelId: 'ch-corruption', supervisor: true });
  const second = await givenKeyedStaff(t.store, { channelId: 'ch-corruption' });
  const custodian = await givenKeyedStaff(t.store, { roles: ['custodian'] });
  const outsider = await givenKeyedStaff(t.store, { channelId: 'ch-procurement' });
  const complaintsOfficer = await givenKeyedStaff(t.store, { channelId: 'ch-service-complaint' });
  const corruptionReport = (extra: Partial<ReportOptions> = {}) => buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [lead, second], ...extra });
  const expectRefused: SubmitFixture['expectRefused'] = async (send, status, id, details) => {
    const before = rowCounts(t.config);
    const res = await send();
    expect({ status: res.status, id: res.body?.error?.id }).toEqual({ status, id });
    if (details) expect(res.body.error.details).toMatchObject(details);
    expect(countChanges(before, rowCounts(t.config))).toEqual({});
  };
  return {
    t, lead, second, custodian, outsider, complaintsOfficer, corruptionReport, expectRefused,
    valid: async () => (await corruptionReport()).body,
    refused: (body, status, id, details) => expectRefused(() => submit(t.app, body), status, id, details),
  };
}

/** Per table, how many rows were added (or removed); tables that did not change are left out. */
export function countChanges(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).filter((k) => after[k] !== before[k]).map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]));
}
