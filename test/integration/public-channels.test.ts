/**
 * GET /api/v1/public/channels and GET /api/v1/pow: what a reporter's browser reads before
 * writing. Officers appear by id, department and public key only.
 */
import request from 'supertest';
import { publicChannel, publicInstallation, type PublicChannelsResponse } from '../../shared/api/channel.schema';
import { defaultChannels } from '../../config/defaults/channels';
import { seedDefaults } from '../../server/services/seed-defaults';
import { givenStaff } from '../support/factories';
import { createTestApp, givenKeyedStaff, type TestApp } from '../support/test-app';

describe('public channels', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDefaults(t);
  });
  afterAll(() => t.close());

  const list = async (): Promise<PublicChannelsResponse> => (await request(t.app).get('/api/v1/public/channels').expect(200)).body as PublicChannelsResponse;

  it('lists the default channels, each unavailable while it has no officer', async () => {
    const body = await list();
    expect(body.channels.map((c) => c.slug)).toEqual(defaultChannels.map((c) => c.slug));
    for (const channel of body.channels) {
      expect(publicChannel.safeParse(channel).success).toBe(true);
      expect(channel.available).toBe(false);
      expect(channel.officers).toEqual([]);
    }
  });

  it('gives the installation parameters the browser needs', async () => {
    const { installation } = await list();
    expect(publicInstallation.safeParse(installation).success).toBe(true);
    expect(Buffer.from(installation.receiptSalt, 'base64').equals(t.config.secrets.receiptSalt)).toBe(true);
    expect(installation.receiptKdf).toEqual(t.config.kdf.receipt);
    expect(installation.powDifficulty).toBe(4);
    expect(installation.limits).toEqual({ ...t.config.limits, partChunks: 64 });
    expect(installation.deadlines).toEqual(t.config.deadlines);
    expect(installation.languages).toEqual(['ar', 'fr', 'en']);
  });

  it('makes a channel available with its active, keyed officers only, and never shows names or e-mails', async () => {
    const channelId = 'ch-procurement';
    const lead = await givenKeyedStaff(t.store, { channelId, supervisor: true, department: 'procurement' });
    const other = await givenKeyedStaff(t.store, { channelId });
    // Not entitled: deactivated, not an officer, no key yet.
    await givenKeyedStaff(t.store, { channelId, status: 'deactivated' });
    await givenKeyedStaff(t.store, { channelId, roles: ['admin'] });
    const keyless = await givenStaff(t.store, { publicKey: null, status: 'invited' });
    await t.store.channels.setMember({ channelId, staffId: keyless.id, supervisor: false });

    const body = await list();
    const procurement = body.channels.find((c) => c.id === channelId);
    expect(procurement?.available).toBe(true);
    expect(procurement?.officers).toEqual(
      expect.arrayContaining([
        { id: lead.staff.id, department: 'procurement', supervisor: true, publicKey: Buffer.from(lead.keypair.publicKey).toString('base64') },
        { id: other.staff.id, department: null, supervisor: false, publicKey: Buffer.from(other.keypair.publicKey).toString('base64') },
      ]),
    );
    expect(procurement?.officers).toHaveLength(2);
    expect(body.channels.filter((c) => c.id !== channelId).every((c) => !c.available)).toBe(true);
    const text = JSON.stringify(body);
    expect(text).not.toContain(lead.staff.email);
    expect(text).not.toContain(lead.staff.displayName);
    expect(text).not.toContain('@');
  });

  it('lists active custodians with a key, and hides inactive channels', async () => {
    const custodian = await givenKeyedStaff(t.store, { roles: ['custodian'] });
    await givenKeyedStaff(t.store, { roles: ['custodian'], status: 'deactivated' });
    const hidden = defaultChannels[3]!;
    await t.store.channels.upsert({ id: hidden.id, slug: hidden.slug, definition: hidden.definition, active: false, position: 3 });

    const body = await list();
    expect(body.installation.custodians).toEqual([{ id: custodian.staff.id, publicKey: Buffer.from(custodian.keypair.publicKey).toString('base64') }]);
    expect(body.channels.map((c) => c.id)).not.toContain(hidden.id);
  });

  it('hides a channel whose stored definition does not match the schema instead of failing the list', async () => {
    await t.store.channels.upsert({ id: 'ch-broken-def', slug: 'broken', definition: { name: 'no' }, active: true, position: 9 });
    const body = await list();
    expect(body.channels.map((c) => c.id)).not.toContain('ch-broken-def');
    expect(t.log.text()).toContain('ch-broken-def');
  });

  it('issues a fresh proof-of-work challenge that expires in ten minutes', async () => {
    const before = Date.now();
    const a = (await request(t.app).get('/api/v1/pow').expect(200)).body as { challenge: string; difficulty: number; expiresAt: string };
    const b = (await request(t.app).get('/api/v1/pow').expect(200)).body as { challenge: string };
    expect(a.challenge).not.toBe(b.challenge);
    expect(Buffer.from(a.challenge, 'base64')).toHaveLength(56);
    expect(a.difficulty).toBe(4);
    const ttl = Date.parse(a.expiresAt) - before;
    expect(ttl).toBeGreaterThan(9.9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 1000);
  });

  it('never caches and sets no cookie', async () => {
    const res = await request(t.app).get('/api/v1/public/channels').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
