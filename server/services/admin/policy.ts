/**
 * The policy the services apply (deadlines of new cases, retention of closed ones, the
 * statistics threshold k), read from the installation settings with config/settings.ts as
 * the defaults. Read afresh on every call, without a cache: it is one primary-key read, and
 * every process (API processes, workers) then applies an administrator's change from its
 * next request or job on, with no restart and no window where two processes disagree.
 */
import type { Config } from '../../../config';
import type { SettingsRepo } from '../../ports/stats.port';
import { readInstallationSettings } from './installation-settings';

export interface Policy {
  deadlines: { acknowledgeDays: number; feedbackDays: number };
  retention: { closedCaseMonths: number; abandonedUploadHours: number };
  statistics: { k: number };
}

export async function readPolicy(settings: Pick<SettingsRepo, 'get'>, config: Pick<Config, 'deadlines' | 'retention' | 'statistics'>): Promise<Policy> {
  const { settings: s } = await readInstallationSettings(settings, config);
  return {
    deadlines: { ...s.deadlines },
    retention: { closedCaseMonths: s.retention.closedCaseMonths, abandonedUploadHours: config.retention.abandonedUploadHours },
    statistics: { k: s.statistics.k },
  };
}
