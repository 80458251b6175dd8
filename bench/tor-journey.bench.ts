/**
 * The reporter's journey as a Tor user lives it: headless Chromium on an emulated Tor-like
 * link (CDP: 1.5 Mbit/s down, 0.75 up, 400 ms latency) against the built server in its own
 * process (production defaults: proof of work at POW_DIFFICULTY 18, compressed assets), once
 * with the JIT and once with --js-flags=--jitless (no JIT, no WebAssembly: noble, as Tor
 * Browser "Safer"). Each step is timed and its bytes counted: home page interactive, channel
 * form interactive, a 5 MB attachment encrypted and uploaded, Send -> receipt, and, in a fresh
 * browser context (Tor Browser keeps no cache between sessions), the follow-up page and
 * sign-in -> case shown. Peers in the same run: a plain static page of the same weight over the
 * same link, the raw transfer time of each step's bytes, and the same attachment over loopback.
 *   node dist/bench/tor-journey.bench.js [--attachment-mb=5]
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { numberArg } from './support/args';
import { launch } from './support/browser';
import { startJourneyServer, type JourneyServer } from './support/journey-server';
import { runBench, type BenchReport } from './support/report';
import { msSince, round } from './support/stats';
import { emulate, meter, minus, rawTransferMs, startPeerServer, TOR_LINK, type Traffic } from './support/tor-link';

const ATTACHMENT_BYTES = numberArg('attachment-mb', 5) * 1_000_000;
const SLOW_MS = 300_000;
const TARGETS_MS = { home: 5000, send: 3000, followUp: 2000 };
/** What each page may weigh on the wire (compressed, headers included). */
const BUDGET_KIB = { home: 150, formWithLibsodium: 300, formNoble: 60, followUpPage: 450 };

interface Step {
  ms: number;
  traffic: Traffic;
}

async function timed(snapshot: () => Traffic, work: () => Promise<void>): Promise<Step> {
  const before = snapshot();
  const started = process.hrtime.bigint();
  await work();
  return { ms: msSince(started), traffic: minus(snapshot(), before) };
}

async function torPage(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession; traffic: () => Traffic }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const counter = meter(page, cdp);
  await emulate(cdp, TOR_LINK);
  return { page, cdp, traffic: counter.snapshot };
}

const kib = (n: number): number => round(n / 1024, 1);

function addStep(report: BenchReport, label: string, name: string, step: Step, targetMs?: number): void {
  report.add({
    name: `${label}: ${name}`,
    value: round(step.ms),
    unit: 'ms',
    peer: { name: 'raw transfer of its bytes', value: round(rawTransferMs(step.traffic, TOR_LINK)), unit: 'ms' },
    ...(targetMs === undefined ? {} : { target: { of: 'value' as const, op: '<=' as const, value: targetMs } }),
    detail: { downKiB: kib(step.traffic.down), upKiB: kib(step.traffic.up), requests: step.traffic.requests },
  });
}

function addWeight(report: BenchReport, label: string, name: string, step: Step, budgetKiB: number): void {
  report.add({
    name: `${label}: weight, ${name}`,
    value: kib(step.traffic.down),
    unit: 'KiB',
    target: { of: 'value', op: '<=', value: budgetKiB },
    note: `${step.traffic.requests} requests`,
  });
}

/** The same weight as a plain static page over the same link: goto -> load. */
async function staticPeer(browser: Browser, peerOrigin: string, bytes: number): Promise<number> {
  const context = await browser.newContext();
  try {
    const { page } = await torPage(context);
    const started = process.hrtime.bigint();
    await page.goto(`${peerOrigin}/?bytes=${Math.round(bytes)}`, { waitUntil: 'load', timeout: SLOW_MS });
    return msSince(started);
  } finally {
    await context.close();
  }
}

function attachment(): { name: string; mimeType: string; buffer: Buffer } {
  return { name: 'releve.bin', mimeType: 'application/octet-stream', buffer: randomBytes(ATTACHMENT_BYTES) };
}

async function fillForm(page: Page): Promise<void> {
  await page.getByTestId('field-category').selectOption('bribery');
  await page.getByTestId('field-what').fill('Le service des permis a demandé 2000 dirhams pour accélérer un dossier.');
  await page.getByTestId('field-ongoing-yes').check();
  await page.getByTestId('field-money_involved-yes').check();
  await page.getByTestId('field-amount').fill('2000 MAD');
}

const SEND_STEPS = ['receipt', 'keys', 'encrypt and GET /pow', 'proof of work', 'POST /reports'];

/**
 * Records, in the page, when the sending view moves to its next step (the `step-current` item
 * of client/src/report/sending-step.tsx), so Send -> receipt can be split into its parts.
 */
async function watchSendSteps(page: Page): Promise<void> {
  await page.evaluate(() => {
    const marks: [number, number][] = [];
    (window as unknown as { __sendSteps: [number, number][] }).__sendSteps = marks;
    const observer = new MutationObserver(() => {
      const items = Array.from(document.querySelectorAll('[data-testid=sending] .steps li'));
      const index = items.findIndex((li) => li.classList.contains('step-current'));
      if (index >= 0 && marks[marks.length - 1]?.[0] !== index) marks.push([index, performance.now()]);
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  });
}

/** Milliseconds per step, from the marks and the moment the receipt was shown. */
async function sendSteps(page: Page): Promise<string> {
  const { marks, now } = await page.evaluate(() => ({ marks: (window as unknown as { __sendSteps: [number, number][] }).__sendSteps, now: performance.now() }));
  return marks.map(([index, at], i) => `${SEND_STEPS[index] ?? index} ${Math.round((marks[i + 1]?.[1] ?? now) - at)}`).join(', ');
}

const attachmentDone = (page: Page) => page.locator('[data-testid=attachment-item][data-status=done]').waitFor({ timeout: SLOW_MS });

/** The attachment alone over loopback (no emulation): what encrypting and storing it costs. */
async function loopbackAttachment(browser: Browser, origin: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/report/corruption?lang=fr`);
    await page.getByTestId('field-category').waitFor({ timeout: SLOW_MS });
    await page.locator('[data-testid=crypto-backend]:not([data-backend=loading])').waitFor({ timeout: SLOW_MS });
    const started = process.hrtime.bigint();
    await page.getByTestId('field-evidence').setInputFiles(attachment());
    await attachmentDone(page);
    return msSince(started);
  } finally {
    await context.close();
  }
}

async function journey(report: BenchReport, server: JourneyServer, peerOrigin: string, jitless: boolean): Promise<void> {
  const label = jitless ? 'no JIT' : 'JIT';
  const browser = await launch(jitless);
  try {
    const context = await browser.newContext();
    const { page, traffic } = await torPage(context);

    const home = await timed(traffic, async () => {
      await page.goto(`${server.origin}/?lang=fr`, { timeout: SLOW_MS });
      await page.getByTestId('channel-corruption').waitFor({ timeout: SLOW_MS });
    });
    const homePeer = await staticPeer(browser, peerOrigin, home.traffic.down);
    report.add({
      name: `${label}: home page interactive`,
      value: round(home.ms),
      unit: 'ms',
      peer: { name: 'static page of the same weight, same link', value: round(homePeer), unit: 'ms' },
      target: { of: 'value', op: '<=', value: TARGETS_MS.home },
      detail: { downKiB: kib(home.traffic.down), requests: home.traffic.requests, rawTransferMs: round(rawTransferMs(home.traffic, TOR_LINK)) },
    });
    addWeight(report, label, 'home page', home, BUDGET_KIB.home);

    const form = await timed(traffic, async () => {
      await page.getByTestId('channel-corruption').click();
      await page.getByTestId('field-category').waitFor({ timeout: SLOW_MS });
    });
    addStep(report, label, 'channel form interactive', form);
    // The backend downloads in the background while the reporter types; counted here.
    const crypto = await timed(traffic, async () => {
      await page.locator('[data-testid=crypto-backend]:not([data-backend=loading])').waitFor({ timeout: SLOW_MS });
    });
    const backend = await page.getByTestId('crypto-backend').getAttribute('data-backend');
    addWeight(report, label, `channel form with its crypto (${backend ?? '?'})`, { ms: 0, traffic: { down: form.traffic.down + crypto.traffic.down, up: 0, requests: form.traffic.requests + crypto.traffic.requests } }, backend === 'noble' ? BUDGET_KIB.formNoble : BUDGET_KIB.formWithLibsodium);

    await fillForm(page);
    const upload = await timed(traffic, async () => {
      await page.getByTestId('field-evidence').setInputFiles(attachment());
      await attachmentDone(page);
    });
    const loopback = await loopbackAttachment(browser, server.origin);
    report.add({
      name: `${label}: ${ATTACHMENT_BYTES / 1e6} MB attachment encrypted and uploaded`,
      value: round(upload.ms),
      unit: 'ms',
      peer: { name: 'raw transfer of its bytes', value: round(rawTransferMs(upload.traffic, TOR_LINK)), unit: 'ms' },
      note: `the same attachment over loopback (encryption and storage without the link): ${round(loopback)} ms`,
      detail: { upKiB: kib(upload.traffic.up), downKiB: kib(upload.traffic.down), requests: upload.traffic.requests, loopbackMs: round(loopback) },
    });

    await page.getByTestId('review-button').click();
    await page.getByTestId('submit-button').waitFor({ timeout: SLOW_MS });
    let receipt = '';
    await watchSendSteps(page);
    const send = await timed(traffic, async () => {
      await page.getByTestId('submit-button').click();
      const code = page.getByTestId('receipt-text');
      await code.waitFor({ timeout: SLOW_MS });
      receipt = (await code.innerText()).trim();
    });
    addStep(report, label, 'Send -> receipt', send, TARGETS_MS.send);
    report.note(`${label}: Send -> receipt by step (ms, in the page; the last until read): ${await sendSteps(page)}`);
    await context.close();

    // A returning reporter: a new session, nothing cached.
    const later = await browser.newContext();
    const again = await torPage(later);
    const followPage = await timed(again.traffic, async () => {
      await again.page.goto(`${server.origin}/follow-up?lang=fr`, { timeout: SLOW_MS });
      await again.page.getByTestId('follow-up-receipt').waitFor({ timeout: SLOW_MS });
    });
    addStep(report, label, 'follow-up page interactive, cold cache', followPage);
    addWeight(report, label, 'follow-up page, cold cache', followPage, BUDGET_KIB.followUpPage);
    await again.page.getByTestId('follow-up-receipt').fill(receipt);
    const signIn = await timed(again.traffic, async () => {
      await again.page.getByTestId('follow-up-open').click();
      await again.page.getByTestId('case-view').waitFor({ timeout: SLOW_MS });
    });
    addStep(report, label, 'follow-up sign-in -> case shown', signIn, TARGETS_MS.followUp);
    await later.close();
  } finally {
    await browser.close();
  }
}

runBench('tor-journey', async (report) => {
  report.setting('link', `${TOR_LINK.downBitsPerSecond / 1e6} Mbit/s down, ${TOR_LINK.upBitsPerSecond / 1e6} up, ${TOR_LINK.latencyMs} ms latency (CDP Network.emulateNetworkConditions)`);
  report.setting('server', 'node dist/server/main.js, production defaults (POW_DIFFICULTY 18), precompressed assets');
  report.setting('attachmentBytes', ATTACHMENT_BYTES);
  const server = await startJourneyServer();
  const peer = await startPeerServer();
  try {
    await journey(report, server, peer.origin, false);
    await journey(report, server, peer.origin, true);
  } finally {
    await peer.close();
    await server.stop();
  }
});
