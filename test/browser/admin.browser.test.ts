/**
 * The administration console in a real Chromium against the real `npm start` process on an
 * empty installation: the first administrator completes setup and lands on the readiness
 * checklist; creates a channel of their own with a conditional question in Arabic, French
 * and English, previews it (Arabic right to left, the condition working in the reporter's
 * own form), invites an officer of that channel who activates, switches the unused default
 * channels off, confirms the self-attested items and sets the organisation's name, and sees
 * the checklist turn green. A reporter then files on that channel in Arabic, under the
 * organisation's name and accent colour; the administrator publishes version 2 with changed
 * labels; the officer reads the answers. Screenshots of each console page (ar, fr, en;
 * 1280 and 390 px) go to test-results/screenshots/.
 */
import { randomBytes } from 'node:crypto';
import { ensureBuilt } from '../support/built';
import { fillLocalized, inviteOfficer, shoot, waitForCleanCheck, writeChannel, type ChannelSpec } from './support/admin-flow';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { guardContext } from './support/page-guard';
import { expectCleanPages } from './support/staff-checks';
import { activateInvited, activateOnPage, signInOnPage, staffBrowser } from './support/staff-flow';
import { startStaffServer, type StaffServer } from './support/staff-server';

const availability = chromiumAvailability();
if (!availability.run) process.stdout.write(`Skipping the admin browser test: ${availability.reason}\n`);
const suite = availability.run ? describe : describe.skip;

const SLOW_MS = 150_000;
const canary = (what: string) => `CANARY-${what}-${randomBytes(6).toString('hex')}`;

const CHANNEL: ChannelSpec = {
  slug: 'voirie',
  name: { ar: 'الطرق والإنارة', fr: 'Voirie et éclairage', en: 'Roads and lighting' },
  description: { ar: 'حفر، إنارة عمومية معطلة، أشغال متروكة.', fr: 'Nids-de-poule, éclairage public en panne, chantiers abandonnés.', en: 'Potholes, broken street lights, abandoned works.' },
  category: { id: 'roads', label: { ar: 'الطرق', fr: 'Chaussée', en: 'Roads' } },
  what: { ar: 'ما الذي لاحظتموه؟', fr: 'Qu’avez-vous constaté ?', en: 'What did you notice?' },
  choice: { id: 'danger', label: { ar: 'هل يشكل خطرًا على المارة؟', fr: 'Est-ce dangereux pour les passants ?', en: 'Is it dangerous for passers-by?' }, yes: { ar: 'نعم', fr: 'Oui', en: 'Yes' }, no: { ar: 'لا', fr: 'Non', en: 'No' } },
  conditional: { id: 'place', label: { ar: 'أين بالضبط؟', fr: 'Où exactement ?', en: 'Where exactly?' } },
};
const V2_WHAT = { ar: 'صفوا المشكلة (النسخة 2)', fr: 'Décrivez le problème (version 2)', en: 'Describe the problem (version 2)' };
const ORG = { ar: 'جماعة النموذج', fr: 'Commune Modèle', en: 'Model Commune' };

suite('the administration console in Chromium, against the real server process', () => {
  let server: StaffServer;

  beforeAll(async () => {
    ensureBuilt();
    server = await startStaffServer();
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('takes a new installation from setup to a channel of its own that a reporter uses in Arabic', async () => {
    const browser = await launchChromium();
    const staff = staffBrowser(browser, server.origin);
    try {
      // 1. Setup, then the checklist: nothing is ready on a fresh installation.
      const { page } = await staff.open();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${server.origin}/setup?lang=fr#${server.setupToken}`);
      await page.getByTestId('setup-email').fill('amina.admin@commune.example');
      await page.getByTestId('setup-name').fill('Amina Admin');
      await page.getByTestId('setup-submit').click();
      const admin = await activateOnPage(page, 'amina.admin@commune.example', 'correct horse battery admin');
      await page.getByTestId('readiness-page').waitFor();
      expect(await page.getByTestId('readiness-summary').getAttribute('data-complete')).toBe('false');
      for (const item of ['officers', 'mail', 'recovery_key', 'organisation', 'backups']) {
        expect(await page.getByTestId(`readiness-${item}`).getAttribute('data-done')).toBe('false');
      }
      await shoot(page, 'readiness-fr-before');

      // 2. A channel of its own: three languages, a question shown only when "yes" is chosen.
      await page.getByTestId('admin-nav-channels').click();
      await page.getByTestId('channel-list-admin').waitFor();
      await page.getByTestId('channel-new').click();
      await page.getByTestId('channel-editor').waitFor();
      // An empty label is flagged as a missing translation next to its field, and publishing waits.
      await page.locator('[data-testid=problem][data-path="name.ar"]').waitFor();
      expect(await page.getByTestId('channel-publish').isDisabled()).toBe(true);
      await writeChannel(page, CHANNEL);
      // Left empty in one language: flagged by its path, next to its field.
      await page.getByTestId('question-2-label-en').fill('');
      await page.locator('[data-testid=problem][data-path="questionnaire.2.label.en"]').waitFor();
      await page.getByTestId('question-2-label-en').fill(CHANNEL.conditional.label.en);
      await waitForCleanCheck(page);

      // 3. The preview is the reporter's own form: Arabic right to left, the condition live.
      const frame = page.getByTestId('preview-frame');
      await page.getByTestId('preview-lang-ar').click();
      expect(await frame.getAttribute('dir')).toBe('rtl');
      expect(await frame.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      expect(await frame.innerText()).toContain(CHANNEL.choice.label.ar);
      expect(await frame.getByTestId('field-place').count()).toBe(0);
      await frame.getByTestId('field-danger-yes').check();
      await frame.getByTestId('field-place').waitFor();
      expect(await frame.innerText()).toContain(CHANNEL.conditional.label.ar);
      await frame.getByTestId('review-button').click();
      await page.getByTestId('preview-notice').waitFor(); // a preview never sends
      await shoot(page, 'channel-editor-fr-preview-ar');
      await page.getByTestId('preview-lang-en').click();
      expect(await frame.getAttribute('dir')).toBe('ltr');
      expect(await frame.innerText()).toContain(CHANNEL.what.en);

      await page.getByTestId('channel-publish').click();
      await page.locator('[data-testid=channel-editor][data-version="1"]').waitFor();
      await page.getByTestId('admin-nav-channels').click();
      const row = page.getByTestId(`channel-row-${CHANNEL.slug}`);
      await row.waitFor();
      expect(await row.getAttribute('data-available')).toBe('false'); // nobody can read it yet

      // 4. An officer of that channel, invited and activated.
      await page.getByTestId('admin-nav-staff').click();
      await inviteOfficer(page, 'omar.officer@commune.example', 'Omar Officer', CHANNEL.slug);
      const officer = await activateInvited(staff, server, 'omar.officer@commune.example', 'Omar’s long passphrase 2026');

      // 5. The unused default channels are switched off; the new one is available.
      await page.getByTestId('admin-nav-channels').click();
      await row.waitFor();
      await page.locator(`[data-testid=channel-row-${CHANNEL.slug}][data-available=true]`).waitFor();
      for (;;) {
        const other = page.locator(`[data-testid^=channel-row-][data-active=true]:not([data-testid=channel-row-${CHANNEL.slug}])`).first();
        if ((await other.count()) === 0) break;
        const slug = ((await other.getAttribute('data-testid')) ?? '').replace('channel-row-', '');
        await page.getByTestId(`channel-toggle-${slug}`).click();
        await page.locator(`[data-testid=channel-row-${slug}][data-active=false]`).waitFor();
      }
      await shoot(page, 'channel-list-fr');

      // 6. The organisation's name, contact and "where else to turn", and the accent colour.
      await page.getByTestId('admin-nav-settings').click();
      await page.getByTestId('settings-form').waitFor();
      await fillLocalized(page, 'settings-org-name', ORG);
      await fillLocalized(page, 'settings-org-contact', { ar: 'مكتب الشكايات، الطابق الأول', fr: 'Bureau des plaintes, 1er étage', en: 'Complaints office, first floor' });
      await fillLocalized(page, 'settings-text-otherChannels', { ar: 'يمكنكم أيضًا التوجه إلى الوسيط.', fr: 'Vous pouvez aussi saisir le Médiateur.', en: 'You can also turn to the Ombudsman.' });
      // Too light for white text: refused on the page, before the server.
      await page.getByTestId('accent-text').fill('#f0c000');
      expect(await page.getByTestId('accent-ratio').getAttribute('data-enough')).toBe('false');
      expect(await page.getByTestId('settings-save').isDisabled()).toBe(true);
      await page.getByTestId('accent-text').fill('#1f4e79');
      expect(await page.getByTestId('accent-ratio').getAttribute('data-enough')).toBe('true');
      await page.getByTestId('settings-save').click();
      await page.getByTestId('settings-saved').waitFor();
      await page.locator('[data-testid=history-entry]').first().waitFor();
      await shoot(page, 'settings-fr');

      // 7. The self-attested items, then the checklist is green where the admin acted.
      await page.getByTestId('admin-nav-readiness').click();
      for (const item of ['mail', 'recovery_key', 'backups']) {
        await page.getByTestId(`readiness-${item}-confirm`).click();
        await page.locator(`[data-testid=readiness-${item}][data-done=true]`).waitFor();
      }
      for (const item of ['officers', 'mail', 'recovery_key', 'organisation', 'backups']) {
        expect(await page.getByTestId(`readiness-${item}`).getAttribute('data-done')).toBe('true');
      }
      await shoot(page, 'readiness-fr-after');
      for (const lang of ['ar', 'en'] as const) {
        await page.getByTestId(`lang-${lang}`).click();
        await page.locator(`html[lang=${lang}]`).waitFor();
        await shoot(page, `readiness-${lang}`);
      }

      // 8. A reporter files on that channel in Arabic, under the organisation's name and colour.
      const reporterContext = await browser.newContext();
      const reporterGuard = await guardContext(reporterContext, server.origin);
      const reporter = await reporterContext.newPage();
      await reporter.goto(`${server.origin}/?lang=ar`);
      await reporter.getByTestId('channel-list').waitFor();
      expect(await reporter.getByTestId('site-name').innerText()).toBe(ORG.ar);
      expect(await reporter.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim())).toBe('#1f4e79');
      expect(await reporter.getByTestId('site-contact').innerText()).toContain('مكتب الشكايات');
      // Switched-off channels are not listed.
      expect(await reporter.locator('.channel-list > li').count()).toBe(1);
      await shoot(reporter, 'home-ar');
      const what = canary('what');
      const place = canary('place');
      await reporter.getByTestId(`channel-${CHANNEL.slug}`).click();
      await reporter.getByTestId('field-category').selectOption(CHANNEL.category.id);
      await reporter.getByTestId('field-what').fill(`حفرة كبيرة أمام المدرسة. ${what}`);
      expect(await reporter.getByTestId('field-place').count()).toBe(0);
      await reporter.getByTestId('field-danger-yes').check();
      await reporter.getByTestId('field-place').fill(`شارع الحسن الثاني ${place}`);
      await shoot(reporter, 'report-ar');
      await reporter.getByTestId('review-button').click();
      await reporter.getByTestId('submit-button').click();
      await reporter.getByTestId('receipt-text').waitFor({ timeout: SLOW_MS });
      await reporterContext.close();

      // 9. The administrator publishes version 2 with changed labels.
      await page.getByTestId('lang-fr').click();
      await page.getByTestId('admin-nav-channels').click();
      await page.getByTestId(`channel-open-${CHANNEL.slug}`).click();
      await page.getByTestId('channel-editor').waitFor();
      await fillLocalized(page, 'question-0-label', V2_WHAT);
      await waitForCleanCheck(page);
      await page.getByTestId('channel-publish').click();
      await page.locator('[data-testid=channel-published][data-version="2"]').waitFor();
      await page.locator('[data-testid=channel-version][data-version="1"]').waitFor();
      await page.getByTestId('channel-tab-people').click();
      await page.getByTestId('recipients-lead').waitFor();
      expect(await page.getByTestId('recipients-sealed').innerText()).toContain('Omar Officer');
      await shoot(page, 'channel-people-fr');
      for (const lang of ['ar', 'en'] as const) {
        await page.getByTestId(`lang-${lang}`).click();
        await page.locator(`html[lang=${lang}]`).waitFor();
        await shoot(page, `channel-people-${lang}`);
      }

      // 10. The officer reads the report: the reporter's answers, decrypted in the page.
      const officerTab = await staff.open();
      await signInOnPage(officerTab.page, server.origin, officer);
      const inboxRow = officerTab.page.getByTestId('inbox-row');
      await inboxRow.first().waitFor({ timeout: SLOW_MS });
      await inboxRow.first().getByTestId('inbox-open').click();
      const report = officerTab.page.getByTestId('report-content');
      await report.waitFor({ timeout: SLOW_MS });
      const shown = await report.innerText();
      expect(shown).toContain(what);
      expect(shown).toContain(place);
      expect(shown).toContain(CHANNEL.choice.yes.fr); // the chosen option, by its label
      // Filed on version 1, read after version 2 was published: the labels are version 1's.
      expect(Object.values(CHANNEL.what).some((label) => shown.includes(label))).toBe(true);
      expect(Object.values(V2_WHAT).filter((label) => shown.includes(label))).toEqual([]);
      await officerTab.context.close();

      // Nothing typed as a secret was ever sent; no page asked anyone else for anything.
      for (const secret of [admin.password, officer.password, admin.recoveryKey.replace(/ /g, '')]) {
        expect(staff.bodies.filter((b) => b.includes(secret))).toEqual([]);
      }
      expectCleanPages([...staff.guards, reporterGuard]);
    } finally {
      await browser.close();
    }
  }, 600_000);
});
