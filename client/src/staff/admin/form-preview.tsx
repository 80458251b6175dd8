/**
 * The reporter's form as reporters will see it, drawn by the reporter's own components
 * (ReportForm, QuestionField) from the draft being edited, in a language of its own: Arabic
 * right to left. It never submits: "review" checks the answers as the real form does and
 * says that a preview sends nothing. Files cannot be picked (no encryption runs here).
 */
import { useState } from 'react';
import type { ChannelDefinition, PublicChannel } from '../../../../shared/api/channel.schema';
import { LANGS, type Lang } from '../../../../shared/api/common.schema';
import { usePublicInfo } from '../../api/use-public-info';
import { useAttachments } from '../../attachments/use-attachments';
import { FixedLangProvider, useI18n } from '../../i18n/i18n';
import { DIRECTION, ENDONYMS } from '../../i18n/languages';
import { emptyDraft, validateDraft, type Draft, type FieldError } from '../../report/draft';
import { ReportForm } from '../../report/report-form';
import { useStaffI18n } from '../i18n/staff-i18n';
import '../../pages/report-page.css';

function PreviewBody({ channel, onReviewed }: { channel: PublicChannel; onReviewed(errors: number): void }) {
  const { t, local } = useI18n();
  const info = usePublicInfo();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const attachments = useAttachments({ crypto: null, installation: null, maxFiles: 0 });
  if (info.state !== 'ready') return <p role="status">{t('common.loading')}</p>;
  const review = () => {
    const found = validateDraft({ definition: channel.definition, draft, officers: [], filesFor: () => 0 });
    setErrors(found);
    onReviewed(Object.keys(found).length);
  };
  return (
    <div className="page report-page">
      <h2 className="preview-title">{local(channel.definition.name)}</h2>
      <p className="lead">{local(channel.definition.description)}</p>
      <p>{t('report.intro')}</p>
      <ReportForm
        channel={channel}
        installation={info.info.installation}
        draft={draft}
        errors={errors}
        attachments={attachments}
        cryptoReady={false}
        onChange={setDraft}
        onSubmit={review}
      />
    </div>
  );
}

export function FormPreview({ definition, slug }: { definition: ChannelDefinition; slug: string }) {
  const { t } = useStaffI18n();
  const [lang, setLang] = useState<Lang>('ar');
  const [reviewed, setReviewed] = useState<number | null>(null);
  const channel: PublicChannel = { id: 'preview-channel', slug: slug || 'preview', version: 1, definition, available: true, officers: [] };
  return (
    <section className="editor-section form-preview" aria-labelledby="preview-heading" data-testid="form-preview">
      <h3 id="preview-heading">{t('adm.preview.title')}</h3>
      <p className="field-help">{t('adm.preview.help')}</p>
      <div className="tabs" role="group" aria-label={t('adm.preview.language')}>
        {LANGS.map((l) => (
          <button key={l} type="button" className="language-option tab" lang={l} aria-pressed={lang === l} onClick={() => {
              setLang(l);
              setReviewed(null);
            }} data-testid={`preview-lang-${l}`}>
            {ENDONYMS[l]}
          </button>
        ))}
      </div>
      <div className="preview-frame" lang={lang} dir={DIRECTION[lang]} data-testid="preview-frame" data-lang={lang}>
        <FixedLangProvider lang={lang}>
          <PreviewBody key={lang} channel={channel} onReviewed={setReviewed} />
        </FixedLangProvider>
      </div>
      {/* In the console's language, outside the previewed one: it speaks to the administrator. */}
      {reviewed !== null && (
        <p className="notice" role="status" data-testid="preview-notice">
          {reviewed > 0 ? t('adm.preview.errors', { n: reviewed }) : t('adm.preview.nothingSent')}
        </p>
      )}
    </section>
  );
}
