/** Says plainly what the site does not do, the organisation's contact, and, discreetly, which encryption backend runs. */
import { useCryptoStatus } from '../crypto/crypto-context';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { SITE_TEXTS } from './site-texts';
import { useSite, useSiteText } from './use-site';

export function SiteFooter() {
  const { t, lang } = useI18n();
  // Watching only: the footer must not make the home page download the crypto.
  const crypto = useCryptoStatus();
  const site = useSite();
  const text = useSiteText();
  const contact = text(site?.organisation.contact);
  const backendKey: MessageKey | null =
    crypto.state === 'idle' ? null : crypto.state === 'loading' ? 'backend.loading' : crypto.state === 'failed' ? 'backend.failed' : crypto.crypto.backendName === 'libsodium' ? 'backend.libsodium' : 'backend.noble';
  return (
    <footer className="site-footer">
      {contact && (
        <section className="footer-contact" aria-labelledby="footer-contact-heading" data-testid="site-contact">
          <h2 id="footer-contact-heading" className="footer-heading">
            {SITE_TEXTS[lang].contact}
          </h2>
          <p className="site-text">{contact}</p>
        </section>
      )}
      <p>{t('footer.privacy')}</p>
      <p>{t('footer.tor')}</p>
      {backendKey !== null && (
        <p className="backend" data-testid="crypto-backend" data-backend={crypto.state === 'ready' ? crypto.crypto.backendName : crypto.state}>
          {t(backendKey)}
        </p>
      )}
    </footer>
  );
}
