/** The invitation link's page: the token from the fragment, then the activation steps. */
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import { ActivationFlow } from '../auth/activation-flow';
import { useFragmentToken } from '../auth/use-fragment-token';
import { useStaffI18n } from '../i18n/staff-i18n';

export function ActivatePage({ crypto }: { crypto: AmanaCrypto }) {
  const { t } = useStaffI18n();
  const token = useFragmentToken();
  if (!token) return <p className="notice notice-error" data-testid="activate-no-token">{t('activate.noToken')}</p>;
  return <ActivationFlow crypto={crypto} token={token} />;
}
