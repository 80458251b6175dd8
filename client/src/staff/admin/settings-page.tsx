/**
 * Installation settings (GET/PUT /admin/settings): the organisation's name and contact, its
 * logo, the accent colour, the public texts in three languages, deadlines, retention and the
 * statistics threshold, each with the bounds the server enforces shown and explained before
 * saving; and the settings history. A refused save changes nothing on the server.
 */
import { useCallback, useMemo, useState } from 'react';
import type { InstallationSettings, SettingsLimits } from '../../../../shared/api/admin.schema';
import { ApiFailure } from '../../api/http';
import { invalidatePublicInfo, siteOf, usePublicInfo } from '../../api/use-public-info';
import type { StaffClient } from '../api/staff-client';
import { useAction, useQuery } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { useUnlocked } from '../staff-session';
import { AccentField } from './accent-field';
import { AdminError } from './admin-error';
import { fetchSettings, saveSettings } from './admin-endpoints';
import { AdminNav } from './admin-nav';
import './admin.css';
import { contrastRatio } from './contrast';
import { LocalizedField } from './localized-field';
import { LogoField } from './logo-field';
import { NumberField } from './number-field';
import { indexProblems } from './problems';
import { SettingsHistory } from './settings-history';

const NO_PROBLEMS = indexProblems([]);

function within(v: number, b: { min: number; max: number }) {
  return Number.isInteger(v) && v >= b.min && v <= b.max;
}

export function settingsValid(s: InstallationSettings, l: SettingsLimits): boolean {
  const ratio = contrastRatio(s.accentColor, '#ffffff');
  return (
    ratio !== null &&
    ratio >= l.minContrast &&
    within(s.deadlines.acknowledgeDays, l.acknowledgeDays) &&
    within(s.deadlines.feedbackDays, l.feedbackDays) &&
    within(s.retention.closedCaseMonths, l.closedCaseMonths) &&
    within(s.statistics.k, l.k)
  );
}

function SettingsForm({ client, initial, limits, hasLogo, onSaved }: { client: StaffClient; initial: InstallationSettings; limits: SettingsLimits; hasLogo: boolean; onSaved(): void }) {
  const { t } = useStaffI18n();
  const [s, setS] = useState<InstallationSettings>(initial);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const failedId = error instanceof ApiFailure ? error.id : null;
  const serverError = (id: string) => (failedId === id ? t(`adm.err.${id}` as 'adm.err.k_too_small') : null);
  const edit = (next: InstallationSettings) => {
    setSaved(false);
    setS(next);
  };
  const save = async () => {
    if (await run(() => saveSettings(client, s))) {
      setSaved(true);
      invalidatePublicInfo();
      onSaved();
    }
  };
  const valid = settingsValid(s, limits);
  const deadlineError = failedId === 'deadline_too_long' || failedId === 'deadline_too_short' ? t(`adm.err.${failedId}`) : null;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
      data-testid="settings-form"
    >
      <section className="editor-section" aria-labelledby="org-heading">
        <h2 id="org-heading">{t('adm.set.organisation')}</h2>
        <LocalizedField legend={t('adm.set.orgName')} path="organisation.name" value={s.organisation.name} onChange={(name) => edit({ ...s, organisation: { ...s.organisation, name } })} problems={NO_PROBLEMS} testId="settings-org-name" />
        <LocalizedField
          legend={t('adm.set.orgContact')}
          path="organisation.contact"
          value={s.organisation.contact}
          onChange={(contact) => edit({ ...s, organisation: { ...s.organisation, contact } })}
          problems={NO_PROBLEMS}
          multiline
          maxLength={4000}
          testId="settings-org-contact"
        />
        <p className="field-help">{t('adm.set.orgHelp')}</p>
        <LogoField client={client} hasLogo={hasLogo} />
        <AccentField value={s.accentColor} minContrast={limits.minContrast} serverError={serverError('accent_contrast_low')} onChange={(accentColor) => edit({ ...s, accentColor })} />
      </section>

      <section className="editor-section" aria-labelledby="texts-heading">
        <h2 id="texts-heading">{t('adm.set.texts')}</h2>
        <p className="field-help">{t('adm.set.textsHelp')}</p>
        {(['home', 'privacy', 'otherChannels'] as const).map((key) => (
          <div key={key}>
            <LocalizedField
              legend={t(`adm.set.text.${key}`)}
              path={`texts.${key}`}
              value={s.texts[key]}
              onChange={(text) => edit({ ...s, texts: { ...s.texts, [key]: text } })}
              problems={NO_PROBLEMS}
              multiline
              optional
              maxLength={4000}
              testId={`settings-text-${key}`}
            />
            <p className="field-help">{t(`adm.set.text.${key}Help`)}</p>
          </div>
        ))}
      </section>

      <section className="editor-section" aria-labelledby="deadlines-heading">
        <h2 id="deadlines-heading">{t('adm.set.deadlines')}</h2>
        <NumberField
          label={t('adm.set.ackDays')}
          help={t('adm.set.ackHelp')}
          value={s.deadlines.acknowledgeDays}
          {...limits.acknowledgeDays}
          serverError={deadlineError}
          onChange={(acknowledgeDays) => edit({ ...s, deadlines: { ...s.deadlines, acknowledgeDays } })}
          testId="settings-ack"
        />
        <NumberField
          label={t('adm.set.feedbackDays')}
          help={t('adm.set.feedbackHelp')}
          value={s.deadlines.feedbackDays}
          {...limits.feedbackDays}
          serverError={deadlineError}
          onChange={(feedbackDays) => edit({ ...s, deadlines: { ...s.deadlines, feedbackDays } })}
          testId="settings-feedback"
        />
        <NumberField
          label={t('adm.set.retention')}
          help={t('adm.set.retentionHelp')}
          value={s.retention.closedCaseMonths}
          {...limits.closedCaseMonths}
          serverError={serverError('retention_out_of_range')}
          onChange={(closedCaseMonths) => edit({ ...s, retention: { closedCaseMonths } })}
          testId="settings-retention"
        />
        <NumberField label={t('adm.set.k')} help={t('adm.set.kHelp')} value={s.statistics.k} {...limits.k} serverError={serverError('k_too_small')} onChange={(k) => edit({ ...s, statistics: { k } })} testId="settings-k" />
        <p className="field-help">{t('adm.set.budgetHelp')}</p>
      </section>

      <div className="form-actions sticky-actions">
        <button type="submit" className="button-primary" disabled={busy || !valid} data-testid="settings-save">
          {t('adm.set.save')}
        </button>
        {!valid && <p className="field-error">{t('adm.set.fixFirst')}</p>}
      </div>
      {saved && (
        <p role="status" className="notice notice-ok" data-testid="settings-saved">
          {t('adm.set.saved')}
        </p>
      )}
      {error !== null && <AdminError error={error} testId="settings-error" />}
    </form>
  );
}

export function SettingsPage() {
  const { t, tr } = useStaffI18n();
  const { client } = useUnlocked();
  const info = usePublicInfo();
  const settings = useQuery(useCallback((signal: AbortSignal) => fetchSettings(client, signal), [client]));
  const [historyRound, setHistoryRound] = useState(0);
  const hasLogo = useMemo(() => (info.state === 'ready' ? (siteOf(info.info)?.hasLogo ?? false) : info.state === 'failed' ? false : null), [info]);
  return (
    <section className="page staff-admin settings-page" data-testid="settings-page">
      <AdminNav />
      <h1>{t('adm.set.title')}</h1>
      <p className="lead">{t('adm.set.intro')}</p>
      {settings.error !== null && <AdminError error={settings.error} />}
      {(!settings.data || hasLogo === null) && settings.error === null && <p role="status">{tr('common.loading')}</p>}
      {settings.data && hasLogo !== null && (
        <SettingsForm client={client} initial={settings.data.settings} limits={settings.data.limits} hasLogo={hasLogo} onSaved={() => setHistoryRound((n) => n + 1)} />
      )}
      <SettingsHistory client={client} round={historyRound} />
    </section>
  );
}
