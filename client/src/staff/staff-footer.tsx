/** What the staff pages keep (nothing outside this tab's memory) and which encryption runs. */
import { useCrypto } from '../crypto/crypto-context';
import type { MessageKey } from '../i18n/i18n';
import { useStaffI18n } from './i18n/staff-i18n';

export function StaffFooter() {
  const { t, tr } = useStaffI18n();
  const crypto = useCrypto();
  const backend: MessageKey =
    crypto.state === 'loading' ? 'backend.loading' : crypto.state === 'failed' ? 'backend.failed' : crypto.crypto.backendName === 'libsodium' ? 'backend.libsodium' : 'backend.noble';
  return (
    <footer className="site-footer staff-footer">
      <p>{t('app.memoryOnly')}</p>
      <p className="backend" data-testid="crypto-backend" data-backend={crypto.state === 'ready' ? crypto.crypto.backendName : crypto.state}>
        {tr(backend)}
      </p>
    </footer>
  );
}
