/** The job runner contract for the embedded, in-process outbox runner (always runs). */
import { silentLogger } from '../../server/logger';
import { createJobRunner } from '../../server/jobs/create-runner';
import { describeJobRunnerContract } from './jobs.contract';

describeJobRunnerContract('outbox (in-process)', async (config, store, handlers) => {
  const runner = createJobRunner({ config, store, handlers, logger: silentLogger, role: 'api' });
  expect(runner.kind).toBe('outbox');
  await runner.start();
  return { wake: () => runner.wake(), stop: () => runner.stop() };
});
