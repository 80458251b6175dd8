import { channelDefinition, QUESTION_TYPES } from '../../shared/api/channel.schema';
import { defaultChannels } from './channels';

const ARABIC = /[\u0600-\u06FF]/;

describe('default channels', () => {
  it('are the four municipal channels with unique ids and slugs', () => {
    expect(defaultChannels.map((c) => c.slug)).toEqual(['corruption', 'maladministration', 'procurement', 'service-complaint']);
    expect(new Set(defaultChannels.map((c) => c.id)).size).toBe(4);
  });

  it.each(defaultChannels.map((c) => [c.slug, c] as const))('%s parses against the wire schema', (_slug, channel) => {
    expect(channelDefinition.safeParse(channel.definition).success).toBe(true);
  });

  it.each(defaultChannels.map((c) => [c.slug, c] as const))('%s uses every question type and has required questions', (_slug, channel) => {
    const types = new Set(channel.definition.questionnaire.map((q) => q.type));
    expect([...QUESTION_TYPES].filter((t) => !types.has(t))).toEqual([]);
    expect(channel.definition.questionnaire.some((q) => q.required)).toBe(true);
  });

  it.each(defaultChannels.map((c) => [c.slug, c] as const))('%s has unique ids and conditions that point at an earlier choice', (_slug, channel) => {
    const { questionnaire, categories, routing } = channel.definition;
    expect(new Set(questionnaire.map((q) => q.id)).size).toBe(questionnaire.length);
    expect(new Set(categories.map((c) => c.id)).size).toBe(categories.length);
    const conditional = questionnaire.filter((q) => q.showIf);
    expect(conditional.length).toBeGreaterThan(0);
    for (const q of conditional) {
      const at = questionnaire.findIndex((p) => p.id === q.showIf?.questionId);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(at).toBeLessThan(questionnaire.indexOf(q));
      const target = questionnaire[at];
      expect(['single_choice', 'multiple_choice']).toContain(target?.type);
      const options = new Set(target?.options?.map((o) => o.id));
      expect(q.showIf?.anyOf.every((o) => options.has(o))).toBe(true);
    }
    for (const q of questionnaire) {
      const isChoice = q.type === 'single_choice' || q.type === 'multiple_choice';
      expect(isChoice ? (q.options?.length ?? 0) >= 2 : q.options === undefined).toBe(true);
    }
    const categoryIds = new Set(categories.map((c) => c.id));
    expect(routing.every((r) => categoryIds.has(r.category))).toBe(true);
  });

  it('writes every Arabic text in Arabic script and no French or English text in it', () => {
    const texts: { ar: string; fr: string; en: string }[] = [];
    for (const { definition: d } of defaultChannels) {
      texts.push(d.name, d.description, ...d.categories.map((c) => c.label));
      for (const q of d.questionnaire) texts.push(q.label, ...(q.help ? [q.help] : []), ...(q.options ?? []).map((o) => o.label));
    }
    expect(texts.filter((t) => !ARABIC.test(t.ar) || ARABIC.test(t.fr) || ARABIC.test(t.en))).toEqual([]);
  });

  it('routes procurement categories to the procurement department', () => {
    const procurement = defaultChannels.find((c) => c.slug === 'procurement');
    expect(procurement?.definition.routing.map((r) => r.department)).toContain('procurement');
  });
});
