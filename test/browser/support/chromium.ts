/**
 * The system Chromium, driven by playwright-core (never `playwright install`: the browser a
 * reporter's machine runs is a distribution build, and CI installs exactly that one).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Chromium's own background traffic would blur the "no request leaves for a third party" check.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Tor Browser's "Safer" level turns the JIT off; in V8 that also removes WebAssembly. */
export const JITLESS = ['--js-flags=--jitless'];

export type ChromiumAvailability = { run: true } | { run: false; reason: string };

/**
 * A developer without Chromium may skip the browser tests; CI may not: .ci/run installs
 * Chromium, so a missing one there means the environment is broken and the run must fail.
 */
export function chromiumAvailability(): ChromiumAvailability {
  if (existsSync(CHROMIUM_PATH)) return { run: true };
  const ci = process.env.CI;
  if (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') return { run: true };
  return { run: false, reason: `${CHROMIUM_PATH} is missing and CI is not set` };
}

/** A fresh browser with its own temporary profile (playwright makes one per launch). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is required at ${CHROMIUM_PATH} (CI installs it in .ci/run)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...ARGS, ...extraArgs] });
}
