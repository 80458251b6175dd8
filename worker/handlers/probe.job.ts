/**
 * system.probe: a job with one observable, idempotent effect, used to prove the pipeline
 * end to end (readiness checks, contract and fault tests). It checks its marker first,
 * may sleep (abortably) to stand in for slow work, claims the marker and, only if this
 * run won the claim, appends `key` to DATA_DIR/probe-effects.log. Counting lines in that
 * file counts how often the effect happened, whatever crashed or retried in between.
 */
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Config } from '../../config';
import type { JobHandler } from '../../server/ports/jobs.port';
import type { Store } from '../../server/ports/store.port';
import { JOB_NAMES } from '../../server/jobs/job-names';

export const probePayload = z
  .object({
    // One line per effect in the log: no separators, no newlines.
    key: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/),
    sleepMs: z.number().int().min(0).max(10 * 60 * 1000).optional(),
  })
  .strict();
export type ProbePayload = z.infer<typeof probePayload>;

export const PROBE_EFFECTS_FILE = 'probe-effects.log';

export function probeEffectsPath(dataDir: string): string {
  return path.join(dataDir, PROBE_EFFECTS_FILE);
}

export function probeJob(deps: { config: Pick<Config, 'paths'>; store: Pick<Store, 'markers'> }): JobHandler {
  const { config, store } = deps;
  return {
    name: JOB_NAMES.probe,
    async run(payload, { signal }) {
      const { key, sleepMs } = probePayload.parse(payload);
      const marker = `probe:${key}`;
      if (await store.markers.has(marker)) return;
      if (sleepMs !== undefined && sleepMs > 0) await sleep(sleepMs, undefined, { signal });
      if (await store.markers.claim(marker, new Date())) {
        await appendFile(probeEffectsPath(config.paths.data), `${key}\n`, { mode: 0o600 });
      }
    },
  };
}
