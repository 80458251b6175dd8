/** The administrator's switch of the public transparency page: on/off, epsilon, licence. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { TransparencySettings } from '../../../shared/api/statistics.schema';
import type { StaffClient } from '../staff/api/staff-client';
import { useAction, useQuery } from '../staff/components/use-action';
import { StaffError } from '../staff/staff-error';
import { useStatsI18n } from './i18n/stats-i18n';
import { fetchTransparencySettings, saveTransparencySettings } from './stats-api';

export function TransparencySettingsForm({ client }: { client: StaffClient }) {
  const { t } = useStatsI18n();
  const load = useCallback(() => fetchTransparencySettings(client), [client]);
  const stored = useQuery(load);
  const [settings, setSettings] = useState<TransparencySettings | null>(null);
  const [saved, setSaved] = useState(false);
  const saving = useAction();
  useEffect(() => setSettings(stored.data), [stored.data]);
  if (!settings) return stored.error === null ? null : <StaffError error={stored.error} />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void saving.run(async () => {
      setSettings(await saveTransparencySettings(client, settings));
      setSaved(true);
    });
  };
  return (
    <form className="stat-admin no-print" onSubmit={submit} data-testid="transparency-settings">
      <fieldset>
        <legend>{t('admin.transparency')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={settings.enabled} onChange={(e) => setSettings({ ...settings, enabled: e.target.checked })} data-testid="transparency-enabled" />
          {t('admin.enabled')}
        </label>
        <label>
          {t('admin.epsilon')}
          <input type="number" min={0.05} max={10} step={0.05} value={settings.epsilon} onChange={(e) => setSettings({ ...settings, epsilon: Number(e.target.value) })} aria-describedby="epsilon-help" />
        </label>
        <p id="epsilon-help" className="muted">{t('admin.epsilonHelp')}</p>
        <label>
          {t('admin.licence')}
          <input type="text" maxLength={200} value={settings.licence} onChange={(e) => setSettings({ ...settings, licence: e.target.value })} />
        </label>
        <button type="submit" disabled={saving.busy} data-testid="transparency-save">{t('admin.save')}</button>
        {saved && <p role="status">{t('admin.saved')}</p>}
        {saving.error !== null && <StaffError error={saving.error} />}
      </fieldset>
    </form>
  );
}
