/** What the staff pages keep (nothing outside this tab's memory) and where cases are decrypted, in plain words. */
import { useCrypto } from '../crypto/crypto-context';
import type { MessageKey } from '../i18n/i18n';
import { useStaffI18n } from './i18n/staff-i18n';

export function StaffFooter() {
  const { t, tr } = useStaffI18n();
  const crypto = useCrypto();
  const pending: MessageKey | null = crypto.state === 'loading' ? 'backend.loading' : crypto.state === 'failed' ? 'backend.failed' : null;
  const ready = crypto.state === 'ready' ? (crypto.crypto.backendName === 'libsodium' ? t('footer.crypto') : t('footer.cryptoSlow')) : '';
  return (
    <footer className="site-footer staff-footer">
      <p>{t('app.memoryOnly')}</p>
      <p className="backend" data-testid="crypto-backend" data-backend={crypto.state === 'ready' ? crypto.crypto.backendName : crypto.state}>
        {pending ? tr(pending) : ready}
      </p>
    </footer>
  );
}
