/**
 * SIGTERM/SIGINT handling shared by the API and worker processes: the first signal logs
 * `message` (with the signal name only), runs `close` (which stops accepting work first,
 * then closes what the process holds), logs "stopped", flushes the log and exits 0.
 * A second signal while closing is ignored, so a double Ctrl-C does not close twice.
 */
import type { Logger } from '../logger';

export function onShutdown(logger: Logger, message: string, close: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, message);
    await close();
    logger.info({}, 'stopped');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
