/**
 * One whole reporter journey in a fresh Chromium, then the officer's and custodian's side in
 * Node: file a report with a photo and unique canaries, keep the receipt, open the case with
 * it twice (the second time must show the first opening), answer with a file, read the case
 * as an officer with libsodium. Returns everything observed plus the secrets to search for;
 * the test file judges.
 */
import { randomBytes } from 'node:crypto';
import type { PublicChannelsResponse } from '../../../shared/api/channel.schema';
import { formatReceipt } from '../../../shared/crypto';
import type { IdentityV1 } from '../../../shared/protocol/report-body';
import type { AmanaServer } from './amana-server';
import { launchChromium } from './chromium';
import { browserJpeg, decodedSize, withExif } from './jpeg';
import { secretNeedles, textNeedles, type Needle } from './leak-scan';
import { caseForLoginSecret, libsodiumCrypto, openAsOfficer, openIdentity, type OfficerView } from './officer-view';
import { browserTraces, guardContext, type PageGuard } from './page-guard';
import { CATALOGS, fileReport, openCase, pageDateTime, sendReply, type FiledReport, type Lang, type OpenedCase } from './reporter-flow';

export interface JourneyOptions {
  lang: Lang;
  extraArgs: string[];
  /** how the reporter types the receipt at the first and the second opening */
  typeReceipt(digits: string): [string, string];
  discloseIdentity: boolean;
}

const canary = (what: string) => `CANARY-${what}-${randomBytes(8).toString('hex')}`;

export const arabicIndic = (digits: string): string => digits.replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d)));

export interface Journey {
  canaries: { what: string; exif: string; fileName: string; reply: string; replyFile: string; identity: string };
  /** the photo as the canvas encoded it, before the EXIF segment was added */
  photo: Buffer;
  uploadedPhoto: Buffer;
  page: { homeBackendLines: number; backend: string | null; backendText: string; webAssembly: string; dir: string | null; lang: string | null; workerWebAssembly: string[] };
  filed: FiledReport;
  first: OpenedCase;
  second: OpenedCase;
  /** the notice the second opening must show, with the date written as the page writes it */
  expectedPreviousAccess: string | null;
  replyShown: string;
  traces: Awaited<ReturnType<typeof browserTraces>>;
  guard: PageGuard;
  caseId: string;
  officer: OfficerView;
  /** the report's public key as the server stored it, and as the receipt derives it */
  reporterKeys: { stored: Buffer; derived: Buffer };
  identity: IdentityV1 | null;
  decodedPhoto: { width: number; height: number };
  needles: Needle[];
}

export async function reporterJourney(server: AmanaServer, options: JourneyOptions): Promise<Journey> {
  const { lang } = options;
  const canaries = {
    what: canary('what'), exif: canary('exif'), fileName: canary('name'), reply: canary('reply'), replyFile: canary('reply-file'), identity: canary('identity'),
  };
  const browser = await launchChromium(options.extraArgs);
  try {
    const context = await browser.newContext();
    const guard = await guardContext(context, server.origin);
    const page = await context.newPage();
    await page.goto(`${server.origin}/?lang=${lang}`);
    await page.getByTestId('channel-corruption').waitFor({ timeout: 30_000 });
    // The home page asks for no crypto: the footer has no backend line until a form needs one.
    const homeBackendLines = await page.locator('[data-testid=crypto-backend]').count();

    const photo = await browserJpeg(page);
    const uploadedPhoto = withExif(photo, canaries.exif);
    const filed = await fileReport(page, {
      what: `Le service des permis a demandé 2000 dirhams. ${canaries.what} Fin du récit.`,
      amount: '2000 MAD',
      photo: { name: `${canaries.fileName}.jpg`, mimeType: 'image/jpeg', buffer: uploadedPhoto },
      identityName: options.discloseIdentity ? canaries.identity : null,
    });
    // The report form loaded the backend; the footer keeps showing it on the receipt page.
    const backendLine = page.locator('[data-testid=crypto-backend]:not([data-backend=loading])');
    await backendLine.waitFor({ timeout: 30_000 });
    const shown = {
      homeBackendLines,
      backend: await backendLine.getAttribute('data-backend'),
      backendText: await backendLine.innerText(),
      webAssembly: await page.evaluate(() => typeof WebAssembly),
      dir: await page.getAttribute('html', 'dir'),
      lang: await page.getAttribute('html', 'lang'),
    };
    const [firstTyped, secondTyped] = options.typeReceipt(filed.receipt);
    const first = await openCase(page, firstTyped);
    const replyShown = await sendReply(page, `Complément : ${canaries.reply}`, { name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from(`${canaries.replyFile}\n`) });
    await page.getByTestId('follow-up-close').click();
    const second = await openCase(page, secondTyped);
    const previous = second.answer.previousAccessAt;
    const expectedPreviousAccess = previous === null ? null : CATALOGS[lang]['followUp.previousAccess'].replace('{date}', await pageDateTime(page, previous, lang));
    const traces = await browserTraces(context, page);
    const workerWebAssembly = await Promise.all(guard.workerWasm);

    // The officer's side, in Node with libsodium, from the files the real server wrote.
    const crypto = await libsodiumCrypto();
    const { installation } = (await (await fetch(`${server.origin}/api/v1/public/channels`)).json()) as PublicChannelsResponse;
    const derived = await crypto.deriveReporterKeys(filed.receipt, new Uint8Array(Buffer.from(installation.receiptSalt, 'base64')), installation.receiptKdf);
    const store = await server.openStore();
    let officer: OfficerView;
    let identity: IdentityV1 | null = null;
    let stored: Buffer;
    let caseId: string;
    try {
      const record = await caseForLoginSecret(store, server.dataDir, derived.loginSecret);
      stored = Buffer.from(record.reporterPublicKey);
      caseId = record.id;
      officer = await openAsOfficer(crypto, store, server.dataDir, record, server.officers[0]!);
      if (options.discloseIdentity) identity = openIdentity(crypto, officer.keys, record, server.custodian);
      // Mail is written by the in-process runner: wait for both notifications (new case, reply).
      await server.waitForMails(record.id, 2);
    } finally {
      await store.close();
    }
    const photoFile = officer.files.find((f) => f.descriptor.questionId === 'evidence');
    const decodedPhoto = photoFile ? await decodedSize(page, photoFile.plain) : { width: 0, height: 0 };

    const digits = filed.receipt;
    const needles: Needle[] = [
      ...Object.entries(canaries).flatMap(([name, value]) => textNeedles(`canary ${name}`, value)),
      ...textNeedles('receipt digits', digits),
      ...textNeedles('receipt formatted', formatReceipt(digits)),
      ...textNeedles('receipt as typed (1st)', firstTyped),
      ...textNeedles('receipt as typed (2nd)', secondTyped),
      ...textNeedles('receipt in Arabic-Indic digits', arabicIndic(digits)),
      ...secretNeedles('login secret', derived.loginSecret),
      ...secretNeedles('reporter secret key', derived.keypair.secretKey),
      ...secretNeedles('case key', officer.caseKey),
      ...officer.files.flatMap((f, i) => secretNeedles(`file key ${i}`, f.fileKey)),
      ...(guard.userAgent ? textNeedles('user agent', guard.userAgent) : []),
    ];
    return {
      canaries, photo, uploadedPhoto, page: { ...shown, workerWebAssembly }, filed, first, second, expectedPreviousAccess, replyShown, traces, guard,
      caseId, officer, reporterKeys: { stored, derived: Buffer.from(derived.keypair.publicKey) }, identity, decodedPhoto, needles,
    };
  } finally {
    await browser.close();
  }
}
