/**
 * How the operator commands (backup, restore) start and end: the environment read first (a bad
 * one exits 78, as the server does), a refusal the operator can act on printed alone with exit 2,
 * anything else prefixed with what failed and exit 1.
 */
import type { Env } from '../../config';
import { readProcessEnv } from '../../config/env';

/** A refusal with a message meant for the operator: nothing was done. */
export class CommandRefused extends Error {}

export function runCommand(failure: string, body: (env: Env, argv: string[]) => Promise<void>): void {
  let env: Env;
  try {
    env = readProcessEnv();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(78);
  }
  body(env, process.argv.slice(2)).catch((err: unknown) => {
    if (err instanceof CommandRefused) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`${failure}: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
