/** Says plainly what the site does not do, and, discreetly, which encryption backend runs. */
import { useCryptoStatus } from '../crypto/crypto-context';
import { useT, type MessageKey } from '../i18n/i18n';

export function SiteFooter() {
  const t = useT();
  // Watching only: the footer must not make the home page download the crypto.
  const crypto = useCryptoStatus();
  const backendKey: MessageKey | null =
    crypto.state === 'idle' ? null : crypto.state === 'loading' ? 'backend.loading' : crypto.state === 'failed' ? 'backend.failed' : crypto.crypto.backendName === 'libsodium' ? 'backend.libsodium' : 'backend.noble';
  return (
    <footer className="site-footer">
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
