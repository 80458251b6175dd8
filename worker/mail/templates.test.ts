import { assertNoResources } from '../../server/adapters/mail/compose.mail';
import { NOTIFY_EVENTS, WORDING } from './i18n';
import { caseLink, identityRequestsLink, renderIdentityRequest, renderNotification, type NotificationInput } from './templates';

const PUBLIC_URL = 'https://amana.commune.example';
const LANGS = ['ar', 'fr', 'en'] as const;
const CHANNEL: Record<(typeof LANGS)[number], string> = { ar: 'الفساد', fr: 'Corruption', en: 'Corruption' };

function render(over: Partial<NotificationInput> = {}) {
  return renderNotification({ event: 'new-case', language: 'en', channelName: 'Corruption', caseId: 'case_7Qk2abcd', publicUrl: PUBLIC_URL, ...over });
}

const urlsIn = (s: string): string[] => s.match(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*/gi) ?? [];

describe('notification templates', () => {
  for (const language of LANGS) {
    for (const event of NOTIFY_EVENTS) {
      it(`${language} ${event}: channel name and link only, no resource, no other address`, () => {
        const mail = render({ language, event, channelName: CHANNEL[language] });
        expect(mail.language).toBe(language);
        expect(mail.subject).toContain(CHANNEL[language]);
        expect(mail.text).toContain(CHANNEL[language]);
        expect(mail.text).toContain(WORDING[language].reasons[event]);
        expect(mail.html).toContain(`<html lang="${language}"`);
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect(part).not.toMatch(/<img/i);
          for (const url of urlsIn(part)) expect(url).toBe(`${PUBLIC_URL}/staff/cases/case_7Qk2abcd`);
        }
        expect(urlsIn(mail.text)).toHaveLength(1);
        expect(() => assertNoResources(mail.html)).not.toThrow();
        // Only the anchor may point anywhere, and only to PUBLIC_URL.
        expect(mail.html.match(/href=/g)).toHaveLength(1);
      });
    }
  }

  it('writes Arabic right to left and the others left to right', () => {
    expect(render({ language: 'ar' }).html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(render({ language: 'ar' }).html).toMatch(/<body dir="rtl">/);
    expect(render({ language: 'fr' }).html).toMatch(/<html lang="fr" dir="ltr">/);
    expect(render({ language: 'en' }).html).toMatch(/<body dir="ltr">/);
  });

  it('uses the wording of the recipient language, not another', () => {
    const fr = render({ language: 'fr', channelName: 'Corruption' });
    expect(fr.subject).toBe('Amana : un dossier du canal Corruption demande votre attention');
    expect(fr.text).not.toContain(WORDING.en.open);
    const ar = render({ language: 'ar', channelName: 'الفساد' });
    expect(ar.text).toContain(WORDING.ar.open);
    expect(ar.text).not.toContain(WORDING.fr.open);
  });

  it('escapes an administrator-set channel name and keeps the subject on one line', () => {
    const mail = render({ channelName: '<b onclick="x">Evil</b>\r\nBcc: someone' });
    expect(mail.html).not.toContain('<b onclick');
    expect(mail.html).toContain('&lt;b onclick=&quot;x&quot;&gt;Evil&lt;/b&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('links to the case in the staff workspace under PUBLIC_URL, with or without a trailing slash', () => {
    expect(caseLink('https://x.example/amana/', 'case_1234abcd')).toBe('https://x.example/amana/staff/cases/case_1234abcd');
    expect(caseLink('http://localhost:8080', 'c/../x')).toBe('http://localhost:8080/staff/cases/c%2F..%2Fx');
  });

  it('says nothing that is not fixed wording, the channel name or the link', () => {
    const mail = render({ event: 'reporter-message', language: 'en' });
    const allowed = [WORDING.en.attention.replace('{channel}', 'Corruption'), WORDING.en.reasons['reporter-message'], `${WORDING.en.open}: ${caseLink(PUBLIC_URL, 'case_7Qk2abcd')}`, WORDING.en.footer];
    expect(mail.text.split('\n\n')).toEqual(allowed);
  });

  describe('identity request', () => {
    const REQUESTS = `${PUBLIC_URL}/staff/identity-requests`;

    for (const language of LANGS) {
      it(`${language}: fixed wording and the link to the requests only, no resource, no other address`, () => {
        const words = WORDING[language];
        const mail = renderIdentityRequest({ language, publicUrl: PUBLIC_URL });
        expect(mail.language).toBe(language);
        expect(mail.subject).toBe(words.identityRequest.subject);
        expect(mail.text.split('\n\n')).toEqual([words.identityRequest.waiting, `${words.identityRequest.open}: ${REQUESTS}`, words.footer]);
        expect(mail.html).toContain(`<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`);
        expect(mail.html).toContain(`<body dir="${language === 'ar' ? 'rtl' : 'ltr'}">`);
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect(part).not.toMatch(/<img/i);
          for (const url of urlsIn(part)) expect(url).toBe(REQUESTS);
        }
        expect(urlsIn(mail.text)).toHaveLength(1);
        expect(() => assertNoResources(mail.html)).not.toThrow();
        expect(mail.html.match(/href=/g)).toHaveLength(1);
        // Nothing of a case mail: no channel sentence, no case link.
        expect(mail.text).not.toContain(WORDING[language].open);
        expect(mail.html).not.toContain('/staff/cases/');
      });
    }

    it('uses the recipient language only', () => {
      const fr = renderIdentityRequest({ language: 'fr', publicUrl: PUBLIC_URL });
      expect(fr.text).not.toContain(WORDING.en.identityRequest.waiting);
      expect(fr.text).not.toContain(WORDING.ar.identityRequest.waiting);
    });

    it('links to the requests under PUBLIC_URL, with or without a trailing slash', () => {
      expect(identityRequestsLink('https://x.example/amana/')).toBe('https://x.example/amana/staff/identity-requests');
      expect(identityRequestsLink('http://localhost:8080')).toBe('http://localhost:8080/staff/identity-requests');
    });
  });
});
