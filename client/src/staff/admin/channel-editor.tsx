/**
 * Creating or editing a channel: its address (slug), names and descriptions, whether
 * reporters may disclose their identity, its categories and routing rules, and the
 * questionnaire, checked live by the server as it is typed and previewed beside it. Publishing
 * makes a new version (PUT with expectedVersion): a report keeps the version it answered, so
 * earlier reports keep their labels. A version published meanwhile by someone else is
 * refused (409 version_conflict) and the administrator is told to reload.
 */
import { useMemo, useState } from 'react';
import type { AdminChannel } from '../../../../shared/api/admin.schema';
import { QUESTION_TYPES, type ChannelDefinition } from '../../../../shared/api/channel.schema';
import { ApiFailure } from '../../api/http';
import { invalidatePublicInfo } from '../../api/use-public-info';
import { useRouter } from '../../router/router';
import type { StaffClient } from '../api/staff-client';
import { useAction } from '../components/use-action';
import { useStaffI18n, type StaffMessageKey } from '../i18n/staff-i18n';
import { STAFF_PATHS } from '../staff-paths';
import { AdminError } from './admin-error';
import { createChannel, updateChannel } from './admin-endpoints';
import { CategoryEditor } from './category-editor';
import { emptyDefinition, localProblems, move, newQuestion, removeAt, replaceAt, toDefinition, type QuestionType } from './definition-draft';
import { FormPreview } from './form-preview';
import { LocalizedField } from './localized-field';
import { ProblemSummary } from './problem-summary';
import { ProblemText, problemTextId } from './problem-text';
import { fieldDomId, indexProblems, mergeProblems } from './problems';
import { QuestionEditor } from './question-editor';
import { useLiveCheck } from './use-live-check';

interface Props {
  client: StaffClient;
  /** null: a new channel */
  channel: AdminChannel | null;
  departments: string[];
  onPublished(channel: AdminChannel): void;
  onReload(): void;
}

export function ChannelEditor({ client, channel, departments, onPublished, onReload }: Props) {
  const { t } = useStaffI18n();
  const { navigate } = useRouter();
  const [slug, setSlug] = useState(channel?.slug ?? '');
  const [draft, setDraft] = useState<ChannelDefinition>(() => (channel ? structuredClone(channel.definition) : emptyDefinition()));
  const [addType, setAddType] = useState<QuestionType>('single_choice');
  const [published, setPublished] = useState<number | null>(null);
  const [refusedDraft, setRefusedDraft] = useState<ChannelDefinition | null>(null);
  const live = useLiveCheck(client, draft);
  const { busy, error, run } = useAction();
  // A refused publish names the first problem's path: shown next to its field like the live ones.
  const refused = useMemo(() => {
    const path = error instanceof ApiFailure ? error.details?.path : undefined;
    // Only for the draft that was refused: an edit since may have fixed it.
    return error instanceof ApiFailure && typeof path === 'string' && refusedDraft === draft ? [{ id: error.id, path }] : [];
  }, [error, refusedDraft, draft]);
  const all = useMemo(() => mergeProblems(live.problems, localProblems(draft), refused), [live.problems, draft, refused]);
  const problems = useMemo(() => indexProblems(all), [all]);
  const conflict = error instanceof ApiFailure && error.id === 'version_conflict';
  const slugProblem = error instanceof ApiFailure && error.id === 'slug_taken';
  const edit = (next: ChannelDefinition) => {
    setPublished(null);
    setDraft(next);
  };
  const questions = draft.questionnaire;

  const publish = async () => {
    const definition = toDefinition(draft);
    let saved: AdminChannel | null = null;
    const ok = await run(async () => {
      saved = channel
        ? (await updateChannel(client, channel.id, { slug, definition, expectedVersion: channel.version })).channel
        : (await createChannel(client, { slug, definition, active: true })).channel;
    });
    if (!ok || !saved) {
      setRefusedDraft(draft);
      return;
    }
    const done: AdminChannel = saved;
    invalidatePublicInfo();
    setPublished(done.version);
    onPublished(done);
    if (!channel) navigate(STAFF_PATHS.channel(done.id));
  };

  return (
    <div className="channel-editor" data-testid="channel-editor" data-version={channel?.version ?? 0}>
      <div className="editor-main">
        <section className="editor-section" aria-labelledby="general-heading">
          <h3 id="general-heading">{t('adm.ch.general')}</h3>
          <div className="field">
            <label className="field-label" htmlFor={fieldDomId('slug')}>
              {t('adm.ch.slug')}
            </label>
            <p className="field-help" id={`${fieldDomId('slug')}-help`}>
              {t('adm.ch.slugHelp')}
            </p>
            <input
              id={fieldDomId('slug')}
              type="text"
              dir="ltr"
              value={slug}
              maxLength={40}
              onChange={(e) => setSlug(e.target.value.trim().toLowerCase())}
              aria-describedby={`${fieldDomId('slug')}-help${slugProblem ? ` ${problemTextId('slug')}` : ''}`}
              aria-invalid={slugProblem || undefined}
              data-testid="channel-slug"
            />
            <ProblemText path="slug" problems={slugProblem ? [{ id: 'slug_taken', path: 'slug' }] : []} />
          </div>
          <LocalizedField legend={t('adm.ch.name')} path="name" value={draft.name} onChange={(name) => edit({ ...draft, name })} problems={problems} testId="channel-name" />
          <LocalizedField legend={t('adm.ch.description')} path="description" value={draft.description} onChange={(description) => edit({ ...draft, description })} problems={problems} multiline testId="channel-description" />
          <label className="choice">
            <input type="checkbox" checked={draft.allowIdentity} onChange={(e) => edit({ ...draft, allowIdentity: e.target.checked })} data-testid="channel-allow-identity" />
            <span>{t('adm.ch.allowIdentity')}</span>
          </label>
          <p className="field-help">{t('adm.ch.allowIdentityHelp')}</p>
        </section>

        <CategoryEditor draft={draft} problems={problems} departments={departments} onChange={edit} />

        <section className="editor-section" aria-labelledby="questions-heading">
          <h3 id="questions-heading">{t('adm.q.title')}</h3>
          <p className="field-help">{t('adm.q.help_')}</p>
          <ProblemText path="questionnaire" problems={problems.at('questionnaire')} />
          <ol className="plain-list">
            {questions.map((_, i) => (
              <QuestionEditor
                key={i}
                index={i}
                questions={questions}
                problems={problems}
                onChange={(next) => edit({ ...draft, questionnaire: replaceAt(questions, i, next) })}
                onMove={(by) => edit({ ...draft, questionnaire: move(questions, i, by) })}
                onRemove={() => edit({ ...draft, questionnaire: removeAt(questions, i) })}
              />
            ))}
          </ol>
          <div className="field-row">
            <div className="field">
              <label className="field-label" htmlFor="add-question-type">
                {t('adm.q.addType')}
              </label>
              <select id="add-question-type" value={addType} onChange={(e) => setAddType(e.target.value as QuestionType)} data-testid="add-question-type">
                {QUESTION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`adm.qtype.${type}` as StaffMessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" className="button-secondary" onClick={() => edit({ ...draft, questionnaire: [...questions, newQuestion(addType, questions.map((q) => q.id))] })} data-testid="add-question">
              {t('adm.q.add')}
            </button>
          </div>
        </section>

        <section className="editor-section publish-section" aria-labelledby="publish-heading">
          <h3 id="publish-heading">{t('adm.ch.publishTitle')}</h3>
          <ProblemSummary problems={all} checking={live.checking} />
          {live.error !== null && <AdminError error={live.error} testId="check-error" />}
          <p className="field-help">{channel ? t('adm.ch.publishHelp', { v: channel.version, next: channel.version + 1 }) : t('adm.ch.createHelp')}</p>
          {conflict ? (
            <div className="notice notice-error" role="alert" data-testid="version-conflict">
              <p>{t('adm.err.version_conflict')}</p>
              <button type="button" className="button-secondary" onClick={onReload} data-testid="version-conflict-reload">
                {t('adm.ch.reload')}
              </button>
            </div>
          ) : (
            error !== null && !slugProblem && <AdminError error={error} testId="publish-error" />
          )}
          {slugProblem && <AdminError error={error} testId="publish-error" />}
          <button type="button" className="button-primary" disabled={busy || all.length > 0 || live.checking || slug === ''} onClick={() => void publish()} data-testid="channel-publish">
            {channel ? t('adm.ch.publish', { next: channel.version + 1 }) : t('adm.ch.create')}
          </button>
          {published !== null && (
            <p role="status" className="notice notice-ok" data-testid="channel-published" data-version={published}>
              {t('adm.ch.published', { v: published })}
            </p>
          )}
        </section>
      </div>
      <FormPreview definition={toDefinition(draft)} slug={slug} />
    </div>
  );
}
