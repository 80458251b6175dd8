/**
 * The organisation's logo: uploaded as the raw image (PNG, JPEG or WebP, at most 256 KiB),
 * stored and served by this installation (/api/v1/public/logo), never fetched from anyone
 * else. The preview is the served image itself, so what is shown is what reporters get.
 */
import { useId, useState } from 'react';
import { invalidatePublicInfo } from '../../api/use-public-info';
import type { StaffClient } from '../api/staff-client';
import { useAction } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { AdminError } from './admin-error';
import { removeLogo, uploadLogo } from './admin-endpoints';

export const LOGO_MAX_BYTES = 256 * 1024;
const TYPES = ['image/png', 'image/jpeg', 'image/webp'];

export function LogoField({ client, hasLogo: initial }: { client: StaffClient; hasLogo: boolean }) {
  const { t, formatBytes } = useStaffI18n();
  const id = useId();
  const [hasLogo, setHasLogo] = useState(initial);
  // A new address after each change, so the browser does not show the old image.
  const [round, setRound] = useState(() => Date.now());
  const [local, setLocal] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const pick = async (file: File | undefined) => {
    setLocal(null);
    if (!file) return;
    if (!TYPES.includes(file.type)) return setLocal(t('adm.logo.type'));
    if (file.size > LOGO_MAX_BYTES) return setLocal(t('adm.logo.tooLarge', { max: formatBytes(LOGO_MAX_BYTES) }));
    if (await run(() => uploadLogo(client, file))) {
      setHasLogo(true);
      setRound(Date.now());
      invalidatePublicInfo();
    }
  };
  const remove = async () => {
    if (await run(() => removeLogo(client))) {
      setHasLogo(false);
      invalidatePublicInfo();
    }
  };
  return (
    <fieldset className="field logo-field" data-testid="logo-field" data-has-logo={hasLogo}>
      <legend className="field-label">{t('adm.logo.title')}</legend>
      <p className="field-help" id={`${id}-help`}>
        {t('adm.logo.help', { max: formatBytes(LOGO_MAX_BYTES) })}
      </p>
      {hasLogo ? (
        <img className="logo-preview" src={`/api/v1/public/logo?v=${round}`} alt={t('adm.logo.current')} data-testid="logo-preview" />
      ) : (
        <p className="muted">{t('adm.logo.none')}</p>
      )}
      <label className="field-label" htmlFor={`${id}-file`}>
        {hasLogo ? t('adm.logo.replace') : t('adm.logo.upload')}
      </label>
      <input
        id={`${id}-file`}
        type="file"
        accept={TYPES.join(',')}
        disabled={busy}
        aria-describedby={`${id}-help${local ? ` ${id}-error` : ''}`}
        onChange={(e) => {
          void pick(e.target.files?.[0]);
          e.target.value = '';
        }}
        data-testid="logo-file"
      />
      {local && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {local}
        </p>
      )}
      {hasLogo && (
        <div className="form-actions">
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void remove()} data-testid="logo-remove">
            {t('adm.logo.remove')}
          </button>
        </div>
      )}
      {error !== null && <AdminError error={error} />}
    </fieldset>
  );
}
