/**
 * The reporter's journey in a real Chromium against the real `npm start` process: file a
 * report with a photo and canary phrases, keep the receipt, follow up twice, answer with a
 * file; then prove that an officer's libsodium opens what the browser sealed, that the photo
 * lost its EXIF but not its image, and that no canary, receipt, derived secret, key, user
 * agent or client address is anywhere in the database files, blobs, mail outbox or logs.
 * Twice: in default Chromium (libsodium over WebAssembly) and with --jitless, as in Tor
 * Browser "Safer", where the page must fall back to noble and still be read by libsodium.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuilt } from '../support/built';
import { startAmanaServer, type AmanaServer } from './support/amana-server';
import { chromiumAvailability, JITLESS, launchChromium } from './support/chromium';
import { filesUnder, findLeaks, secretNeedles, textNeedles, type Needle } from './support/leak-scan';
import { guardContext } from './support/page-guard';
import { CATALOGS, type Lang } from './support/reporter-flow';
import { arabicIndic, reporterJourney, type Journey } from './support/reporter-journey';

// The leak scan is only worth something if it can fail: plant secrets and make it find them.
describe('leak scanner', () => {
  it('finds a canary in a nested file as UTF-16LE, a secret as base64url, and nothing that is not there', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'amana-scan-'));
    try {
      // 0xfb bytes give "+/" in base64 and "-_" in base64url, so the two forms are told apart.
      const secret = new Uint8Array(33).fill(0xfb);
      mkdirSync(path.join(dir, 'blobs', 'a1'), { recursive: true });
      writeFileSync(path.join(dir, 'blobs', 'a1', '0.blob'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('xCANARY-planted', 'utf16le')]));
      writeFileSync(path.join(dir, '.hidden.log'), `{"token":"${Buffer.from(secret).toString('base64url')}"}`);
      writeFileSync(path.join(dir, 'clean.txt'), 'nothing to see');
      const needles = [...textNeedles('planted', 'CANARY-planted'), ...secretNeedles('secret', secret), ...textNeedles('absent', 'CANARY-absent')];
      const leaks = findLeaks(filesUnder(dir), needles);
      expect(leaks).toEqual([`planted (utf-16le) in ${path.basename(dir)}/blobs/a1/0.blob`, `secret (base64url) (utf-8) in ${path.basename(dir)}/.hidden.log`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const availability = chromiumAvailability();
if (!availability.run) process.stdout.write(`Skipping the browser tests: ${availability.reason}\n`);
const suite = availability.run ? describe : describe.skip;

/** What any journey must show, whichever backend the page ran. */
function expectSoundJourney(j: Journey, lang: Lang): void {
  const t = CATALOGS[lang];
  expect(j.page.lang).toBe(lang);
  expect(j.page.dir).toBe(lang === 'ar' ? 'rtl' : 'ltr');
  // The home page loaded no crypto backend: the footer had no backend line there.
  expect(j.page.homeBackendLines).toBe(0);
  // Form: the conditional question appears only once its condition holds; the review shows the text.
  expect(j.filed.amountHiddenFirst).toBe(true);
  expect(j.filed.reviewText).toContain(j.canaries.what);
  expect(j.filed.metadataNotes).toBe(t['meta.exif']);
  // The receipt reads left to right in any page direction, and leaving before saving it is refused.
  expect(j.filed.receiptBox).toEqual({ tag: 'bdi', dir: 'ltr', direction: 'ltr', unicodeBidi: 'isolate' });
  expect(j.filed.leaveRefused).toBe(true);
  // The file's upload spent a proof of work of its own, and the report another.
  expect(j.filed.proofs.uploads).toHaveLength(1);
  expect(j.filed.proofs.report).toHaveLength(1);
  expect(j.filed.proofs.uploads[0]).not.toBe('none');
  expect(j.filed.proofs.report[0]).not.toBe(j.filed.proofs.uploads[0]);

  // First opening: received, never opened before; second: shows the first opening's time.
  expect(j.first.answer).toMatchObject({ status: 'received', previousAccessAt: null });
  expect(j.first.statusShown).toEqual({ status: 'received', text: t['status.received'] });
  expect(j.first.previousAccessNotice).toBe(t['followUp.firstAccess']);
  expect(j.first.reportText).toContain(j.canaries.what);
  expect(j.replyShown).toContain(j.canaries.reply);
  const previous = Date.parse(j.second.answer.previousAccessAt ?? '');
  expect(previous).toBeGreaterThanOrEqual(j.first.openedAfter);
  expect(previous).toBeLessThanOrEqual(j.first.openedBefore);
  expect(j.second.previousAccessNotice).toBe(j.expectedPreviousAccess);

  // The officer (libsodium, in Node) reads what the browser wrote, sealed to both officers.
  expect(j.reporterKeys.stored.equals(j.reporterKeys.derived)).toBe(true);
  for (const kind of ['case', 'notes']) expect(j.officer.keys.filter((k) => k.kind === kind && k.recipient !== 'reporter')).toHaveLength(2);
  expect(j.officer.report).toMatchObject({ category: 'bribery', language: lang, answers: { ongoing: 'yes', money_involved: 'yes', amount: '2000 MAD' } });
  expect(j.officer.report.answers.what).toContain(j.canaries.what);
  expect(j.officer.files).toHaveLength(2);
  const [photo, note] = j.officer.files;
  expect(photo!.descriptor).toMatchObject({ name: `${j.canaries.fileName}.jpg`, type: 'image/jpeg', questionId: 'evidence', size: j.photo.length });
  expect(j.officer.report.answers.evidence).toEqual([photo!.descriptor.attachmentId]);
  // The EXIF segment (and its canary) is gone; every other byte of the encoder's output stayed.
  expect(j.uploadedPhoto.includes(Buffer.from(j.canaries.exif))).toBe(true);
  expect(photo!.plain.includes(Buffer.from(j.canaries.exif))).toBe(false);
  expect(photo!.plain.equals(j.photo)).toBe(true);
  expect(j.decodedPhoto).toEqual({ width: 48, height: 32 });
  expect(j.officer.messages).toEqual([expect.objectContaining({ text: `Complément : ${j.canaries.reply}` })]);
  expect(note!.plain.toString('utf8')).toBe(`${j.canaries.replyFile}\n`);

  // The browser asked nobody else for anything and kept nothing. (The guard saw the traffic:
  // the submission, and the user agent the scan looks for.)
  expect(j.guard.requests).toContainEqual(expect.stringMatching(/\/api\/v1\/reports$/));
  expect(j.guard.userAgent).toMatch(/Chrome\/\d+/);
  expect(j.guard.foreignRequests()).toEqual([]);
  expect(j.guard.cspViolations).toEqual([]);
  expect(j.guard.problems).toEqual([]);
  expect(j.traces).toEqual({ cookies: 0, local: 0, session: 0, idb: 0 });
}

const libsodiumAssets = (j: Journey) => j.guard.requests.filter((url) => /libsodium/i.test(new URL(url).pathname));

suite('reporter in Chromium, against the real server process', () => {
  let server: AmanaServer;
  const needles: Needle[] = [];

  beforeAll(async () => {
    ensureBuilt();
    server = await startAmanaServer();
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  /** Nothing any journey so far typed, derived or sent is in any file or in the process output. */
  function expectNoLeaks(j: Journey): void {
    const output = { label: 'server output', bytes: Buffer.from(server.output()) };
    const files = filesUnder(server.dataDir);
    // The scan covers what the server wrote: the database and its WAL, blobs, mail, secrets.
    const names = files.map((f) => path.basename(f.label));
    expect(names).toEqual(expect.arrayContaining(['amana.sqlite', 'amana.sqlite-wal', 'secrets.json']));
    expect(names.filter((n) => n.endsWith('.blob')).length).toBeGreaterThanOrEqual(2);
    expect(names.filter((n) => n.endsWith('.eml')).length).toBeGreaterThanOrEqual(2);
    // Positive controls on the same data: what must be there is found there.
    expect(findLeaks(files, secretNeedles('reporter public key', j.reporterKeys.stored)).length).toBeGreaterThan(0);
    expect(findLeaks([output], textNeedles('case id', j.caseId))).toEqual(['case id (utf-8) in server output']);
    expect(findLeaks([...files, output], needles)).toEqual([]);
    // Client addresses are never logged (in files, a 3-byte "::1" could occur by chance in ciphertext).
    // The server prints its own address once ("Amana is listening on", the setup link): that exact
    // origin is taken out, so any other loopback text (a client's address) is still found.
    const printed = server.output();
    expect(printed.split(server.origin).length - 1).toBeGreaterThanOrEqual(1);
    const withoutOwnAddress = { label: 'server output', bytes: Buffer.from(printed.split(server.origin).join('')) };
    expect(findLeaks([withoutOwnAddress], [...textNeedles('IPv4 loopback', '127.0.0.1'), ...textNeedles('IPv6 loopback', '::1'), ...textNeedles('IPv4-mapped', '::ffff')])).toEqual([]);
    expect(findLeaks(files, textNeedles('IPv4 loopback', '127.0.0.1'))).toEqual([]);
  }

  // The page checks below are only worth something if the guard can see a violation.
  it('has a page guard that sees a CSP violation and an attempt to reach another origin', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const guard = await guardContext(context, server.origin);
      const page = await context.newPage();
      await page.goto(`${server.origin}/?lang=fr`);
      await page.evaluate(() => {
        const pixel = document.createElement('img');
        pixel.src = 'https://203.0.113.9/pixel.png';
        document.body.append(pixel);
      });
      for (let waited = 0; guard.cspViolations.length === 0 && waited < 5000; waited += 100) await page.waitForTimeout(100);
      expect(guard.cspViolations).toEqual([expect.stringMatching(/^img-src blocked https:\/\/203\.0\.113\.9\/pixel\.png/)]);
      // Chromium announces the attempt before CSP refuses it, so even a blocked one is caught.
      expect(guard.foreignRequests()).toEqual(['https://203.0.113.9/pixel.png']);
      expect(guard.problems).toContainEqual(expect.stringMatching(/^request failed: https:\/\/203\.0\.113\.9/));
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('files and follows up in French with libsodium (WebAssembly), discloses an identity, and leaves no trace', async () => {
    const j = await reporterJourney(server, {
      lang: 'fr',
      extraArgs: [],
      typeReceipt: (digits) => [digits.replace(/(\d{3})(?=\d)/g, '$1-'), digits],
      discloseIdentity: true,
    });
    needles.push(...j.needles);
    expect(j.page).toMatchObject({ backend: 'libsodium', backendText: CATALOGS.fr['backend.libsodium'], webAssembly: 'object' });
    // The counterpart of the jitless check below: here libsodium's chunk must have been fetched.
    expect(libsodiumAssets(j).length).toBeGreaterThan(0);
    expectSoundJourney(j, 'fr');
    // Only the custodian can open the identity: it is not sealed to any officer.
    expect(j.identity).toMatchObject({ v: 1, name: j.canaries.identity });
    expect(j.officer.keys.filter((k) => k.kind === 'identity').map((k) => k.recipient)).toEqual([server.custodian.staff.id]);
    expectNoLeaks(j);
  }, 180_000);

  it('does the same in Arabic under --jitless (no WebAssembly: noble), and an officer opens it with libsodium', async () => {
    const j = await reporterJourney(server, {
      lang: 'ar',
      extraArgs: JITLESS,
      typeReceipt: (digits) => [arabicIndic(digits), digits.replace(/(\d{4})(?=\d)/g, '$1 ')],
      discloseIdentity: false,
    });
    needles.push(...j.needles);
    // --jitless alone removes WebAssembly in this Chromium (V8 has no interpreter for it), so
    // no init script deletes it: the page sees what Tor Browser "Safer" gives it.
    expect(j.page).toMatchObject({ backend: 'noble', backendText: CATALOGS.ar['backend.noble'], webAssembly: 'undefined' });
    expect(libsodiumAssets(j)).toEqual([]);
    // A version 2 receipt derives in WebCrypto on the page: no key-derivation worker starts
    // (only a version 1 receipt with noble needs one), so none can fetch a copy of libsodium.
    expect(j.page.workerWebAssembly).toEqual([]);
    expectSoundJourney(j, 'ar');
    expect(j.identity).toBeNull();
    expect(j.officer.keys.filter((k) => k.kind === 'identity')).toEqual([]);
    expectNoLeaks(j);
  }, 180_000);
});
