/**
 * Channels and questionnaires as versioned data through the administration API: creation
 * and publishing with every definition problem refused by a stable id and nothing saved,
 * version conflicts, order and switch, what reporters then see, the recipients preview,
 * and a case that keeps the questionnaire version it answered after a new one is published.
 */
import request from 'supertest';
import { as } from '../staff/staff-harness';
import { givenKeyedStaff, rowCounts } from '../support/test-app';
import { buildReport, submit } from '../integration/support/reporter-kit';
import { countChanges } from '../integration/support/submit-fixture';
import { adminWorld, corruptionDefinition, sampleDefinition, type AdminWorld } from './admin-harness';
import type { AdminChannel, DefinitionProblem } from '../../shared/api/admin.schema';
import type { PublicChannelsResponse } from '../../shared/api/channel.schema';

let w: AdminWorld;
beforeEach(async () => {
  w = await adminWorld();
});
afterEach(async () => {
  await w.t.close();
});

async function refusedWithoutWrites(send: () => Promise<request.Response>, status: number, id: string): Promise<request.Response> {
  const before = rowCounts(w.t.config);
  const res = await send();
  expect({ status: res.status, id: res.body?.error?.id }).toEqual({ status, id });
  expect(countChanges(before, rowCounts(w.t.config))).toEqual({});
  return res;
}

const publicChannels = async (): Promise<PublicChannelsResponse> => (await request(w.t.app).get('/api/v1/public/channels').expect(200)).body as PublicChannelsResponse;

describe('creating a channel', () => {
  it('creates version 1, lists it last, audits it, and lists it publicly as unavailable until an officer can read it', async () => {
    const res = await w.asAdmin.post('/api/v1/admin/channels').send({ slug: 'water', definition: sampleDefinition() }).expect(201);
    const channel = res.body.channel as AdminChannel;
    expect(channel).toMatchObject({ slug: 'water', active: true, version: 1, position: 4, officers: { active: 0, invited: 0, supervisors: 0 }, available: false });
    const listed = (await publicChannels()).channels.find((c) => c.id === channel.id);
    expect(listed).toMatchObject({ slug: 'water', version: 1, available: false });
    await givenKeyedStaff(w.t.store, { channelId: channel.id });
    expect((await publicChannels()).channels.find((c) => c.id === channel.id)).toMatchObject({ available: true });
    const audit = await w.t.store.audit.list({ action: 'channel.create', limit: 10 });
    expect(audit).toEqual([expect.objectContaining({ actorId: w.admin.staff.id, detail: { channelId: channel.id, slug: 'water', version: 1, active: true } })]);
  });

  it.each([
    ['label_missing', 'name.fr', (d: ReturnType<typeof sampleDefinition>) => void (d.name.fr = '  ')],
    ['label_missing', 'questionnaire.1.options.0.label.ar', (d: ReturnType<typeof sampleDefinition>) => void (d.questionnaire[1]!.options![0]!.label.ar = '')],
    ['duplicate_question_id', 'questionnaire.2.id', (d: ReturnType<typeof sampleDefinition>) => void (d.questionnaire[2]!.id = 'what')],
    ['duplicate_option_id', 'questionnaire.1.options.1.id', (d: ReturnType<typeof sampleDefinition>) => void (d.questionnaire[1]!.options![1]!.id = 'yes')],
    ['duplicate_category_id', 'categories.1.id', (d: ReturnType<typeof sampleDefinition>) => void (d.categories[1]!.id = 'leak')],
    ['condition_unknown_question', 'questionnaire.2.showIf.questionId', (d: ReturnType<typeof sampleDefinition>) => void (d.questionnaire[2]!.showIf = { questionId: 'nope', anyOf: ['yes'] })],
    ['condition_unknown_option', 'questionnaire.2.showIf.anyOf.0', (d: ReturnType<typeof sampleDefinition>) => void (d.questionnaire[2]!.showIf = { questionId: 'paid', anyOf: ['maybe'] })],
    ['condition_not_choice', 'questionnaire.2.showIf.questionId', (d: ReturnType<typeof sampleDefinition>) => void (d.questionnaire[2]!.showIf = { questionId: 'what', anyOf: ['yes'] })],
    ['condition_forward', 'questionnaire.1.showIf.questionId', (d: ReturnType<typeof sampleDefinition>) => {
      const [what, paid, amount] = d.questionnaire;
      d.questionnaire = [what!, { ...amount!, showIf: undefined }, paid!];
      d.questionnaire[1] = { ...d.questionnaire[1]!, type: 'short_text', showIf: { questionId: 'paid', anyOf: ['yes'] } };
    }],
    ['options_missing', 'questionnaire.1.options', (d: ReturnType<typeof sampleDefinition>) => void (d.questionnaire[1]!.options = [])],
    ['options_not_allowed', 'questionnaire.0.options', (d: ReturnType<typeof sampleDefinition>) => void (d.questionnaire[0]!.options = [{ id: 'x', label: { ar: 'ا', fr: 'x', en: 'x' } }])],
    ['routing_unknown_category', 'routing.0.category', (d: ReturnType<typeof sampleDefinition>) => void (d.routing = [{ category: 'fire', department: 'water' }])],
    ['definition_invalid', 'questionnaire.0.type', (d: ReturnType<typeof sampleDefinition>) => void ((d.questionnaire[0] as { type: string }).type = 'essay')],
  ])('refuses %s at %s and saves nothing', async (id, path, spoil) => {
    const definition = sampleDefinition();
    spoil(definition);
    const res = await refusedWithoutWrites(() => w.asAdmin.post('/api/v1/admin/channels').send({ slug: 'water', definition }), 400, id);
    expect(res.body.error.details).toMatchObject({ path });
    const check = await w.asAdmin.post('/api/v1/admin/channels/check').send({ definition }).expect(200);
    expect(check.body.problems as DefinitionProblem[]).toContainEqual({ id, path });
  });

  it('lists every problem of a draft at once, and none for a good one', async () => {
    const draft = sampleDefinition();
    draft.name.en = '';
    draft.description.ar = '';
    draft.questionnaire[2]!.showIf = { questionId: 'nope', anyOf: ['yes'] };
    draft.routing = [{ category: 'fire', department: 'water' }];
    const res = await w.asAdmin.post('/api/v1/admin/channels/check').send({ definition: draft }).expect(200);
    expect(res.body.problems).toEqual([
      { id: 'label_missing', path: 'name.en' },
      { id: 'label_missing', path: 'description.ar' },
      { id: 'condition_unknown_question', path: 'questionnaire.2.showIf.questionId' },
      { id: 'routing_unknown_category', path: 'routing.0.category' },
    ]);
    expect((await w.asAdmin.post('/api/v1/admin/channels/check').send({ definition: sampleDefinition() }).expect(200)).body.problems).toEqual([]);
    expect((await w.asAdmin.post('/api/v1/admin/channels/check').send({ definition: 'nonsense' }).expect(200)).body.problems).toEqual([{ id: 'definition_invalid', path: '' }]);
  });

  it('refuses a taken slug (409) and a malformed one (400), saving nothing', async () => {
    await refusedWithoutWrites(() => w.asAdmin.post('/api/v1/admin/channels').send({ slug: 'corruption', definition: sampleDefinition() }), 409, 'slug_taken');
    await refusedWithoutWrites(() => w.asAdmin.post('/api/v1/admin/channels').send({ slug: 'Not A Slug', definition: sampleDefinition() }), 400, 'validation_failed');
    await refusedWithoutWrites(() => w.asAdmin.post('/api/v1/admin/channels').send({ slug: 'water', definition: sampleDefinition(), extra: 1 }), 400, 'validation_failed');
  });
});

describe('publishing, ordering, switching', () => {
  it('publishes version 2, refuses a stale editor with version_conflict, and audits the changed paths only', async () => {
    const definition = corruptionDefinition();
    definition.questionnaire[0]!.label.fr = 'Racontez ce qui s’est passé';
    const res = await w.asAdmin.put('/api/v1/admin/channels/ch-corruption').send({ slug: 'corruption', definition, expectedVersion: 1 }).expect(200);
    expect(res.body.channel).toMatchObject({ version: 2 });
    await refusedWithoutWrites(() => w.asAdmin.put('/api/v1/admin/channels/ch-corruption').send({ slug: 'corruption', definition, expectedVersion: 1 }), 409, 'version_conflict');
    await refusedWithoutWrites(() => w.asAdmin.put('/api/v1/admin/channels/missing-channel').send({ slug: 'x-y', definition, expectedVersion: 1 }), 404, 'channel_not_found');
    const [entry] = await w.t.store.audit.list({ action: 'channel.publish', limit: 10 });
    expect(entry?.detail).toEqual({ channelId: 'ch-corruption', version: 2, slug: 'corruption', changed: ['questionnaire.0.label.fr'] });
    expect(JSON.stringify(entry)).not.toContain('Racontez');
    const versions = await w.asAdmin.get('/api/v1/admin/channels/ch-corruption/versions').expect(200);
    expect(versions.body.versions).toEqual([
      expect.objectContaining({ version: 1, publishedBy: null, cases: 0 }),
      expect.objectContaining({ version: 2, publishedBy: w.admin.staff.id, cases: 0 }),
    ]);
  });

  it('reorders exactly the channels and refuses anything else', async () => {
    const ids = ['ch-service-complaint', 'ch-procurement', 'ch-maladministration', 'ch-corruption'];
    const res = await w.asAdmin.put('/api/v1/admin/channels/order').send({ ids }).expect(200);
    expect((res.body.channels as AdminChannel[]).map((c) => c.id)).toEqual(ids);
    expect((await publicChannels()).channels.map((c) => c.id)).toEqual(ids);
    await refusedWithoutWrites(() => w.asAdmin.put('/api/v1/admin/channels/order').send({ ids: ids.slice(1) }), 400, 'order_mismatch');
  });

  it('switches a channel off: reporters no longer see it and cannot file on it', async () => {
    await w.asAdmin.put('/api/v1/admin/channels/ch-corruption/active').send({ active: false }).expect(200);
    expect((await publicChannels()).channels.map((c) => c.id)).not.toContain('ch-corruption');
    const officer = { staff: w.officer.staff, keypair: w.officer.keypair };
    const { body } = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [officer] });
    expect((await submit(w.t.app, body)).body.error.id).toBe('channel_not_found');
    await w.asAdmin.put('/api/v1/admin/channels/ch-corruption/active').send({ active: true }).expect(200);
    expect((await publicChannels()).channels.map((c) => c.id)).toContain('ch-corruption');
  });
});

describe('questionnaire versions of cases', () => {
  it('keeps version 1 for a case filed on it after version 2 is published, and serves version 1’s labels', async () => {
    const officer = { staff: w.officer.staff, keypair: w.officer.keypair };
    const published = (await publicChannels()).channels.find((c) => c.id === 'ch-corruption');
    expect(published?.version).toBe(1);
    const first = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [officer] });
    await submit(w.t.app, { ...first.body, questionnaireVersion: 1 }, 201);

    const v2 = corruptionDefinition();
    v2.questionnaire[0]!.label.en = 'Tell us what happened';
    await w.asAdmin.put('/api/v1/admin/channels/ch-corruption').send({ slug: 'corruption', definition: v2, expectedVersion: 1 }).expect(200);
    // A reporter who opened the form before the publish still files on version 1.
    const late = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [officer] });
    await submit(w.t.app, { ...late.body, questionnaireVersion: 1 }, 201);
    const fresh = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [officer] });
    await submit(w.t.app, { ...fresh.body, questionnaireVersion: 2 }, 201);
    const unknown = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [officer] });
    await refusedWithoutWrites(() => submit(w.t.app, { ...unknown.body, questionnaireVersion: 3 }), 400, 'questionnaire_version_unknown');

    const inbox = await as(w.t, w.officer.token).get('/api/v1/cases?sort=oldest').expect(200);
    expect((inbox.body.items as { questionnaireVersion: number }[]).map((c) => c.questionnaireVersion)).toEqual([1, 1, 2]);
    const v1 = await as(w.t, w.officer.token).get('/api/v1/channels/ch-corruption/versions/1').expect(200);
    expect(v1.body.definition.questionnaire[0].label.en).toBe('Describe in detail what happened');
    const now = await as(w.t, w.officer.token).get('/api/v1/channels/ch-corruption/versions/2').expect(200);
    expect(now.body.definition.questionnaire[0].label.en).toBe('Tell us what happened');
    const versions = await w.asAdmin.get('/api/v1/admin/channels/ch-corruption/versions').expect(200);
    expect((versions.body.versions as { cases: number }[]).map((v) => v.cases)).toEqual([2, 1]);
  });
});

describe('who would receive a report filed now', () => {
  it('shows the sealed-to list and the lead routing would choose, by department rule, workload or nobody', async () => {
    const water = await givenKeyedStaff(w.t.store, { channelId: 'ch-procurement', department: 'procurement' });
    const other = await givenKeyedStaff(w.t.store, { channelId: 'ch-procurement', department: null });
    const rule = await w.asAdmin.get('/api/v1/admin/channels/ch-procurement/recipients?category=bid_rigging').expect(200);
    expect(rule.body).toMatchObject({ channelId: 'ch-procurement', category: 'bid_rigging', lead: { id: water.staff.id }, reason: 'department_rule' });
    expect((rule.body.sealedTo as { id: string }[]).map((s) => s.id).sort()).toEqual([water.staff.id, other.staff.id].sort());

    await w.asAdmin.put(`/api/v1/admin/staff/${water.staff.id}/absence`).send({ awayFrom: new Date(Date.now() - 60_000).toISOString(), awayUntil: null }).expect(200);
    const away = await w.asAdmin.get('/api/v1/admin/channels/ch-procurement/recipients?category=bid_rigging').expect(200);
    expect(away.body).toMatchObject({ lead: { id: other.staff.id }, reason: 'workload' });
    expect((away.body.sealedTo as { id: string; away: boolean }[]).find((s) => s.id === water.staff.id)?.away).toBe(true);

    const nobody = await w.asAdmin.get('/api/v1/admin/channels/ch-maladministration/recipients').expect(200);
    expect(nobody.body).toEqual({ channelId: 'ch-maladministration', category: null, sealedTo: [], lead: null, reason: 'nobody' });
    expect((await w.asAdmin.get('/api/v1/admin/channels/ch-procurement/recipients?category=nope').expect(400)).body.error.id).toBe('category_unknown');
    expect((await w.asAdmin.get('/api/v1/admin/channels/missing-channel/recipients').expect(404)).body.error.id).toBe('channel_not_found');
  });

  it('answers the recorded absence in the staff list, so the console shows the dates it holds', async () => {
    const range = { awayFrom: '2026-08-03T00:00:00.000Z', awayUntil: '2026-08-17T00:00:00.000Z' };
    const saved = await w.asAdmin.put(`/api/v1/admin/staff/${w.officer.staff.id}/absence`).send(range).expect(200);
    expect(saved.body.staff).toMatchObject({ id: w.officer.staff.id, ...range });
    const listed = (await w.asAdmin.get('/api/v1/staff').expect(200)).body.staff as { id: string; awayFrom: string | null; awayUntil: string | null }[];
    expect(listed.find((s) => s.id === w.officer.staff.id)).toMatchObject(range);
    await w.asAdmin.put(`/api/v1/admin/staff/${w.officer.staff.id}/absence`).send({ awayFrom: null, awayUntil: null }).expect(200);
    const cleared = (await w.asAdmin.get('/api/v1/staff').expect(200)).body.staff as { id: string; awayFrom: string | null }[];
    expect(cleared.find((s) => s.id === w.officer.staff.id)).toMatchObject({ awayFrom: null, awayUntil: null });
  });

  it('refuses an absence that ends before it starts', async () => {
    const res = await w.asAdmin.put(`/api/v1/admin/staff/${w.officer.staff.id}/absence`).send({ awayFrom: '2026-05-02T00:00:00Z', awayUntil: '2026-05-01T00:00:00Z' }).expect(400);
    expect(res.body.error.id).toBe('validation_failed');
  });
});
