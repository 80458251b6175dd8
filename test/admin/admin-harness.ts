/**
 * The administration tests' installation: the real app over real SQLite with the default
 * channels seeded, an administrator, an officer of the corruption channel, a committee
 * member and a custodian, each activated over HTTP as a browser would.
 */
import { seedDefaults } from '../../server/services/seed-defaults';
import type { TestApp } from '../support/test-app';
import { activatePerson, as, createStaffApp, type Person } from '../staff/staff-harness';
import { defaultChannels } from '../../config/defaults/channels';
import type { ChannelDefinition } from '../../shared/api/channel.schema';

export interface AdminWorld {
  t: TestApp;
  admin: Person;
  officer: Person;
  committee: Person;
  custodian: Person;
  asAdmin: ReturnType<typeof as>;
}

export async function adminWorld(env: Record<string, string> = {}): Promise<AdminWorld> {
  const t = await createStaffApp({ env });
  await seedDefaults(t);
  const admin = await activatePerson(t, { roles: ['admin'] });
  const officer = await activatePerson(t, { roles: ['officer'], channels: ['ch-corruption'] });
  const committee = await activatePerson(t, { roles: ['committee'] });
  const custodian = await activatePerson(t, { roles: ['custodian'] });
  return { t, admin, officer, committee, custodian, asAdmin: as(t, admin.token) };
}

const L = (en: string) => ({ ar: `ع ${en}`, fr: `fr ${en}`, en });

/** A small definition in three languages with a conditional question. */
export function sampleDefinition(): ChannelDefinition {
  return {
    name: L('Water supply'),
    description: L('Problems with the water network'),
    categories: [{ id: 'leak', label: L('Leak') }, { id: 'other', label: L('Other') }],
    questionnaire: [
      { id: 'what', type: 'long_text', label: L('What happened?'), required: true, maxLength: 2000 },
      { id: 'paid', type: 'single_choice', label: L('Were you asked to pay?'), required: true, options: [{ id: 'yes', label: L('Yes') }, { id: 'no', label: L('No') }] },
      { id: 'amount', type: 'short_text', label: L('How much?'), required: false, maxLength: 50, showIf: { questionId: 'paid', anyOf: ['yes'] } },
    ],
    allowIdentity: false,
    routing: [{ category: 'leak', department: 'water' }],
  };
}

export const corruptionDefinition = (): ChannelDefinition => structuredClone(defaultChannels[0]!.definition);
