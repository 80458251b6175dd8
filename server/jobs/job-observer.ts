/**
 * Optional hook through which a runner reports each finished attempt, so a process can
 * export metrics without the runners depending on a metrics library.
 */
export type AttemptOutcome = 'done' | 'retry' | 'dead';

export interface JobObserver {
  attemptFinished(jobName: string, outcome: AttemptOutcome, ms: number): void;
}

export const noObserver: JobObserver = { attemptFinished: () => undefined };
