/**
 * Start-up check of the handler map against the job names (STYLE "Jobs" 7): a handler
 * under a name Amana does not know is a bug and stops the process; a known name without a
 * handler is logged, because its jobs would wait (or end in the dead-letter list).
 */
import type { Logger } from '../logger';
import type { HandlerMap } from '../ports/jobs.port';
import { ALL_JOB_NAMES, type JobName } from './job-names';

export function checkHandlers(handlers: HandlerMap, logger: Logger): void {
  const known = new Set<string>(ALL_JOB_NAMES);
  for (const [name, handler] of handlers) {
    if (!known.has(name)) throw new Error(`a handler is registered for the unknown job name "${name}"`);
    if (handler.name !== name) throw new Error(`the handler registered as "${name}" says it handles "${handler.name}"`);
  }
  const missing: JobName[] = ALL_JOB_NAMES.filter((name) => !handlers.has(name));
  for (const name of missing) logger.warn({ jobName: name }, 'no handler for this job name yet: its jobs will not run');
}
