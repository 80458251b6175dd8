/**
 * The ethics committee in a real Chromium against the real `npm start` process. Before the
 * server starts, its SQLite file receives 49 cases of known metadata on two channels over
 * three months (committee-fixture.ts), one month × channel cell below k = 5. The first
 * administrator comes from the printed setup link and invites a committee member, who
 * activates with TOTP and signs in. On /staff/statistics every figure is a chart followed by
 * its table; hand-computed counts appear; the small cell reads "moins de 5" and the entry
 * docs/STATISTICS.md rule 3 picks to protect it is withheld too; the channel filter changes
 * the table; a table of contents links every section; tables scroll in focusable regions.
 * The annual report opens on the current year, framed by Moroccan law; the fixture's year is
 * one choice away, and its CSV marks the hidden entries. Screenshots of both pages in
 * ar/fr/en at 1280 and 390 px, each scanned by axe (WCAG 2.1 A/AA).
 * The member's own token opens no case, and the pages ask nobody else for anything, break
 * no CSP rule and keep nothing in the browser.
 */
import { readFileSync } from 'node:fs';
import { statisticsLabelsFr } from '../../shared/i18n/statistics-labels';
import { ensureBuilt } from '../support/built';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { CORRUPTION, MALADMINISTRATION, seedCommitteeFixture, type CommitteeFixture } from './support/committee-fixture';
import { bearerSeen, firstAdministrator } from './support/committee-staff';
import { cellAt, csvRecords, figureLayouts, rowCells, rowHeaders, totalCells } from './support/committee-view';
import { axeViolations, LANGS, saveScreenshot, switchLang, WIDTHS } from './support/page-evidence';
import { browserTraces } from './support/page-guard';
import { expectCleanPages } from './support/staff-checks';
import { activateInvited, inviteOnPage, signInOnPage, staffBrowser } from './support/staff-flow';
import { startStaffServer, type StaffServer } from './support/staff-server';

const availability = chromiumAvailability();
if (!availability.run) process.stdout.write(`Skipping the committee browser test: ${availability.reason}\n`);
const suite = availability.run ? describe : describe.skip;

const SLOW_MS = 120_000;
// What the page writes for a hidden entry, from the catalog the pages and the CSV share (k = 5).
const FEWER = statisticsLabelsFr['stats.cell.fewer_than_k'].replace('{k}', '5');
const WITHHELD = statisticsLabelsFr['stats.cell.suppressed'];
const isNumber = (text: string) => /^\d+$/.test(text.trim());

suite('ethics committee in Chromium, against the real server process', () => {
  let server: StaffServer;
  let fixture: CommitteeFixture | undefined;

  beforeAll(async () => {
    ensureBuilt();
    server = await startStaffServer({
      beforeStart: async (dataDir) => {
        fixture = await seedCommitteeFixture(dataDir);
      },
    });
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('shows protected aggregates and their CSV to a committee member who can open no case', async () => {
    if (!fixture) throw new Error('the fixture was not written');
    const { year, caseIds } = fixture;
    const browser = await launchChromium();
    const staff = staffBrowser(browser, server.origin);
    try {
      // The first administrator invites a committee member (no channel), who activates from the mail.
      const admin = await firstAdministrator(staff, server, 'amina.admin@commune.example', 'correct horse battery admin');
      await admin.page.getByTestId('nav-admin').click();
      await inviteOnPage(admin.page, { email: 'chadia.comite@commune.example', name: 'Chadia Comité', role: 'committee' });
      const member = await activateInvited(staff, server, 'chadia.comite@commune.example', 'the committee reads only sums 2026');
      await admin.context.close();

      const { context, page } = await staff.open();
      const token = bearerSeen(context, '/api/v1/statistics/');
      await signInOnPage(page, server.origin, member);
      // A committee member has no inbox: the workspace offers the statistics only.
      expect(await page.getByTestId('nav-inbox').count()).toBe(0);
      await page.getByTestId('nav-statistics').click();
      expect(new URL(page.url()).pathname).toBe('/staff/statistics');

      // The fixture's three months, all channels.
      await page.getByTestId('stats-from').fill(fixture.months[0]);
      await page.getByTestId('stats-to').fill(fixture.months[2]);
      await page.getByTestId('stats-filters').locator('button[type=submit]').click();
      const byMonth = 'stats-by-month-table';
      // Channel column, three months, total: the table now covers exactly the fixture's period.
      await page.locator(`[data-testid=${byMonth}] thead th`).nth(4).waitFor();
      await page.waitForFunction((id) => document.querySelectorAll(`[data-testid=${id}] thead th`).length === 5, byMonth, { timeout: SLOW_MS });

      // Every figure: a drawn chart announced as an image, then its table with scoped headers.
      await page.waitForFunction(() => document.querySelectorAll('section.stat-section canvas').length >= 8, undefined, { timeout: SLOW_MS });
      await page.waitForTimeout(300);
      const figures = await figureLayouts(page);
      expect(figures.map((f) => f.section)).toEqual(expect.arrayContaining(['stats-by-month', 'stats-by-category', 'stats-by-status', 'stats-ack-rate', 'stats-durations', 'stats-open-age']));
      for (const figure of figures) {
        expect({ ...figure, caption: figure.caption.length > 0, colHeaders: figure.colHeaders > 1, rowHeaders: figure.rowHeaders > 0 }).toEqual({
          section: figure.section,
          canvasRole: 'img',
          canvasLabel: expect.stringContaining('tableau qui suit'),
          drawn: true,
          tableAfterChart: true,
          caption: true,
          colHeaders: true,
          rowHeaders: true,
        });
      }

      // By hand (committee-fixture.ts): Aug 12+8=20, Sep 9+3=12, Oct 7+10=17; channels 28 and 21; 49 in all.
      // Rule 3, rows first: maladministration holds one hidden entry (Sep, 3), so its smallest
      // other cell (Aug, 8) is withheld; then the Aug and Sep columns each hold one, so
      // corruption's Aug (12) and Sep (9) are withheld. The audit finds each free to move
      // (+1/-1 round the four of them), so nothing more is hidden.
      // The other default channels received nothing: zeros are shown (rule 2) and change nothing.
      const channels = await rowHeaders(page, byMonth);
      expect(channels).toEqual(expect.arrayContaining([CORRUPTION.fr, MALADMINISTRATION.fr]));
      for (const other of channels.filter((c) => c !== CORRUPTION.fr && c !== MALADMINISTRATION.fr)) {
        expect(await rowCells(page, byMonth, other)).toEqual(['0', '0', '0', '0']);
      }
      const maladministration = await rowCells(page, byMonth, MALADMINISTRATION.fr);
      expect(maladministration).toEqual([WITHHELD, FEWER, '10', '21']);
      expect(await rowCells(page, byMonth, CORRUPTION.fr)).toEqual([WITHHELD, WITHHELD, '7', '28']);
      expect(await totalCells(page, byMonth)).toEqual(['20', '12', '17', '49']);
      // Whatever the rule picks, the row total must not give the small cell back by subtraction.
      expect(maladministration.slice(0, -1).filter((cell) => !isNumber(cell)).length).toBeGreaterThanOrEqual(2);

      // One channel: the table is redrawn with its row only.
      await page.getByTestId('stats-channel').selectOption({ label: MALADMINISTRATION.fr });
      await page.getByTestId('stats-filters').locator('button[type=submit]').click();
      await page.waitForFunction((id) => document.querySelectorAll(`[data-testid=${id}] tbody tr`).length === 1, byMonth, { timeout: SLOW_MS });
      expect(await rowHeaders(page, byMonth)).toEqual([MALADMINISTRATION.fr]);
      expect(await rowCells(page, byMonth, MALADMINISTRATION.fr)).toEqual([WITHHELD, FEWER, '10', '21']);
      expect(await totalCells(page, byMonth)).toEqual([WITHHELD, FEWER, '10', '21']);

      // A table of contents links each section's heading; each table scrolls in a named, focusable region.
      const toc = page.getByTestId('stats-toc').locator('a');
      expect(await toc.count()).toBe(8);
      for (const href of await toc.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
        expect(await page.locator(href).count()).toBe(1);
      }
      const regions = page.locator('[data-testid=stats-dashboard] [role=region]');
      expect(await regions.count()).toBeGreaterThanOrEqual(8);
      expect(await regions.evaluateAll((all) => all.every((r) => r.getAttribute('tabindex') === '0' && (r.getAttribute('aria-label') ?? '').length > 0))).toBe(true);

      // The annual report opens on the current year, framed by Moroccan law; then the fixture's year.
      await page.getByTestId('nav-annual-report').click();
      const report = page.getByTestId('annual-report');
      await page.getByTestId('report-acknowledge-table').waitFor({ timeout: SLOW_MS });
      expect(await report.locator('h1').innerText()).toContain(String(new Date().getUTCFullYear()));
      const frame = await page.getByTestId('report-frame').innerText();
      for (const law of ['31-13', '37-10', 'gouvernement ouvert']) expect(frame).toContain(law);
      await page.getByTestId('report-year').fill(String(year));
      await report.locator('form button[type=submit]').click();
      await page.waitForFunction((y) => document.querySelector('[data-testid=annual-report] h1')?.textContent?.includes(String(y)), year, { timeout: SLOW_MS });
      const summary = page.getByTestId('report-summary').getByRole('row', { name: statisticsLabelsFr['stats.summary.received'] });
      await page.waitForFunction(() => document.querySelector('[data-testid=report-summary] td')?.textContent === '49', undefined, { timeout: SLOW_MS });
      expect(await summary.locator('td').innerText()).toBe('49');
      expect(await cellAt(page, 'report-stages-table', CORRUPTION.fr, statisticsLabelsFr['stats.stage.received'])).toBe('28');
      expect(await cellAt(page, 'report-stages-table', MALADMINISTRATION.fr, statisticsLabelsFr['stats.stage.acknowledged'])).toBe('21');
      // Three maladministration cases acknowledged in time: "fewer than 5", and the late 18 beside them withheld.
      const met = statisticsLabelsFr['stats.deadline.met'];
      const missed = statisticsLabelsFr['stats.deadline.missed'];
      expect(await cellAt(page, 'report-acknowledge-table', MALADMINISTRATION.fr, met)).toBe(FEWER);
      expect(await cellAt(page, 'report-acknowledge-table', MALADMINISTRATION.fr, missed)).toBe(WITHHELD);
      expect(await cellAt(page, 'report-acknowledge-table', CORRUPTION.fr, missed)).toBe('28');

      // The French CSV, as the button downloads it.
      const [download, response] = await Promise.all([
        page.waitForEvent('download'),
        page.waitForResponse((r) => r.url().includes('/api/v1/statistics/annual-report') && r.url().includes('format=csv')),
        page.getByTestId('report-csv-fr').click(),
      ]);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^text\/csv/);
      expect(download.suggestedFilename()).toBe(`amana-annual-report-${year}-fr.csv`);
      const records = csvRecords(readFileSync(await download.path(), 'utf8'));
      const section = statisticsLabelsFr['stats.section.acknowledge'];
      expect(records[0]).toHaveLength(5);
      expect(records).toEqual(
        expect.arrayContaining([
          [section, MALADMINISTRATION.fr, met, '', FEWER],
          [section, MALADMINISTRATION.fr, missed, '', WITHHELD],
          [section, CORRUPTION.fr, missed, '28', ''],
          [statisticsLabelsFr['stats.section.summary'], statisticsLabelsFr['stats.total'], statisticsLabelsFr['stats.summary.received'], '49', ''],
        ]),
      );
      // A hidden entry never carries its number, in any line.
      expect(records.filter((r) => (r[4] === FEWER || r[4] === WITHHELD) && r[3] !== '')).toEqual([]);

      // Both pages in the three languages at desktop and phone widths: saved for review, scanned by axe.
      for (const lang of LANGS) {
        await switchLang(page, lang);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await page.getByTestId('nav-statistics').click();
          await page.getByTestId('stats-from').fill(fixture.months[0]);
          await page.getByTestId('stats-to').fill(fixture.months[2]);
          await page.getByTestId('stats-filters').locator('button[type=submit]').click();
          await page.waitForFunction((id) => document.querySelectorAll(`[data-testid=${id}] thead th`).length === 5, byMonth, { timeout: SLOW_MS });
          await page.waitForFunction(() => document.querySelectorAll('section.stat-section canvas').length >= 8, undefined, { timeout: SLOW_MS });
          await page.waitForTimeout(300);
          await saveScreenshot(page, `dashboard-${lang}-${width}`);
          expect({ page: 'dashboard', lang, width, violations: await axeViolations(page) }).toEqual({ page: 'dashboard', lang, width, violations: [] });
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);

          await page.getByTestId('nav-annual-report').click();
          await page.getByTestId('report-acknowledge-table').waitFor({ timeout: SLOW_MS });
          await page.getByTestId('report-year').fill(String(year));
          await report.locator('form button[type=submit]').click();
          await page.waitForFunction(() => document.querySelector('[data-testid=report-summary] td')?.textContent?.replace(/[^0-9]/g, '') === '49', undefined, { timeout: SLOW_MS });
          await page.waitForTimeout(300);
          await saveScreenshot(page, `annual-report-${lang}-${width}`);
          expect({ page: 'annual report', lang, width, violations: await axeViolations(page) }).toEqual({ page: 'annual report', lang, width, violations: [] });
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
        }
      }

      // The member's own token: it reads statistics, and no case, neither the list nor one by id.
      const bearer = token();
      if (!bearer) throw new Error('the statistics page sent no Authorization header');
      const ask = async (url: string) => {
        const res = await fetch(`${server.origin}${url}`, { headers: { Authorization: bearer } });
        return { status: res.status, text: await res.text() };
      };
      expect((await ask(`/api/v1/statistics/dashboard?from=${fixture.months[0]}&to=${fixture.months[2]}`)).status).toBe(200);
      const caseId = caseIds[0] ?? '';
      const answers = { list: await ask('/api/v1/cases'), one: await ask(`/api/v1/cases/${caseId}`), officers: await ask(`/api/v1/cases/${caseId}/officers`) };
      expect({ list: answers.list.status, one: answers.one.status, officers: answers.officers.status }).toEqual({ list: 403, one: 404, officers: 404 });
      for (const answer of Object.values(answers)) {
        expect(caseIds.filter((id) => answer.text.includes(id) && id !== caseId)).toEqual([]);
        expect(answer.text).not.toMatch(/"(body|receiptLookup|reporterPublicKey|keys|items|cases)"/);
      }

      // Nothing foreign, no CSP violation, no error; nothing kept in the browser.
      expect(await browserTraces(context, page)).toEqual({ cookies: 0, local: 0, session: 0, idb: 0 });
      expectCleanPages(staff.guards);
      expect(staff.bodies.filter((b) => b.includes(member.password))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 600_000);
});
