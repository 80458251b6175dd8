/**
 * The administrator's switch of the public transparency page: on/off, the privacy
 * protection as a choice of three levels with their plain consequences (no "epsilon"), the
 * licence, and a preview of exactly what the public page shows with the saved settings.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  MONTH_TOTAL_BUDGET_SHARE, PRIVACY_LEVELS, privacyLevelOf, type PrivacyLevel, type TransparencyResponse, type TransparencyState,
} from '../../../shared/api/statistics.schema';
import { TransparencyView } from '../transparency/transparency-view';
import type { StaffClient } from '../staff/api/staff-client';
import { useAction, useQuery } from '../staff/components/use-action';
import { StaffError } from '../staff/staff-error';
import { useStatsI18n, type StatsMessageKey } from './i18n/stats-i18n';
import { fetchTransparencyPreview, fetchTransparencySettings, saveTransparencySettings } from './stats-api';

const LEVELS = Object.keys(PRIVACY_LEVELS) as (keyof typeof PRIVACY_LEVELS)[];

/** nine times in ten a Laplace draw of this scale stays within scale x ln(10) */
const monthMargin = (epsilon: number): number => Math.ceil(Math.log(10) / (epsilon * MONTH_TOTAL_BUDGET_SHARE));

export function TransparencySettingsForm({ client }: { client: StaffClient }) {
  const i18n = useStatsI18n();
  const { t } = i18n;
  const load = useCallback(() => fetchTransparencySettings(client), [client]);
  const stored = useQuery(load);
  const [settings, setSettings] = useState<TransparencyState | null>(null);
  const [saved, setSaved] = useState(false);
  const [preview, setPreview] = useState<TransparencyResponse | null>(null);
  const saving = useAction();
  const previewing = useAction();
  useEffect(() => setSettings(stored.data), [stored.data]);
  if (!settings) return stored.error === null ? null : <StaffError error={stored.error} />;
  const level: PrivacyLevel = privacyLevelOf(settings.epsilon);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setPreview(null);
    const { enabled, epsilon, licence } = settings;
    void saving.run(async () => {
      setSettings(await saveTransparencySettings(client, { enabled, epsilon, licence }));
      setSaved(true);
    });
  };
  const showPreview = () => void previewing.run(async () => setPreview(await fetchTransparencyPreview(client)));
  return (
    <section className="stat-section stat-admin-section" aria-labelledby="transparency-settings-title">
      <h2 id="transparency-settings-title">{t('admin.transparency')}</h2>
      <form className="stat-admin no-print" onSubmit={submit} data-testid="transparency-settings">
        <p className="stat-note">{t('admin.startNote')}</p>
        {settings.enabledAt && <p className="stat-note" data-testid="transparency-enabled-at">{t('admin.enabledSince', { date: i18n.date(settings.enabledAt) })}</p>}
        <label className="choice">
          <input type="checkbox" checked={settings.enabled} onChange={(e) => setSettings({ ...settings, enabled: e.target.checked })} data-testid="transparency-enabled" />
          <span>{t('admin.enabled')}</span>
        </label>
        <fieldset className="field" aria-describedby="protection-help">
          <legend className="field-label">{t('admin.protection')}</legend>
          <p id="protection-help" className="field-help">{t('admin.protectionHelp')}</p>
          {[...LEVELS, ...(level === 'custom' ? (['custom'] as const) : [])].map((option) => (
            <label className="choice" key={option}>
              <input
                type="radio"
                name="protection"
                checked={level === option}
                onChange={() => option !== 'custom' && setSettings({ ...settings, epsilon: PRIVACY_LEVELS[option] })}
                data-testid={`transparency-level-${option}`}
              />
              <span>{t(`admin.level.${option}` as StatsMessageKey, { margin: option === 'custom' ? 0 : monthMargin(PRIVACY_LEVELS[option]) })}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor="transparency-licence">{t('admin.licence')}</label>
          <input id="transparency-licence" type="text" maxLength={200} value={settings.licence} onChange={(e) => setSettings({ ...settings, licence: e.target.value })} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={saving.busy} data-testid="transparency-save">{t('admin.save')}</button>
          {preview === null ? (
            <button type="button" className="button-secondary" onClick={showPreview} disabled={previewing.busy} data-testid="transparency-preview">{t('admin.preview')}</button>
          ) : (
            <button type="button" className="button-secondary" onClick={() => setPreview(null)} data-testid="transparency-preview-hide">{t('admin.previewHide')}</button>
          )}
        </div>
        {saved && <p role="status">{t('admin.saved')}</p>}
        {saving.error !== null && <StaffError error={saving.error} />}
        {previewing.error !== null && <StaffError error={previewing.error} />}
      </form>
      {preview && (
        <section className="stat-preview" aria-labelledby="transparency-preview-title" data-testid="transparency-preview-view">
          <h2 id="transparency-preview-title">{t('admin.previewTitle')}</h2>
          <p className="stat-note">{t('admin.previewNote')}</p>
          <TransparencyView i18n={i18n} page={preview} idPrefix="preview" openData={false} />
        </section>
      )}
    </section>
  );
}
