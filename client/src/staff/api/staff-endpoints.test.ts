/** Ciphertext an officer's page made wrongly is refused in the page, with the server's ids, before anything is sent. */
import { toB64 } from '../../../../shared/api/common.schema';
import { loadAmanaCrypto, type AmanaCrypto } from '../../../../shared/crypto/index';
import { ApiFailure } from '../../api/http';
import { sealReason } from '../../crypto/case-reason';
import type { StaffClient } from './staff-client';
import { changeStatus, grantAccess, requestIdentity } from './staff-endpoints';

let crypto: AmanaCrypto;
beforeAll(async () => {
  crypto = await loadAmanaCrypto('libsodium');
});

function recordingClient(): StaffClient & { sent: string[] } {
  const sent: string[] = [];
  const fail = () => Promise.reject(new Error('not used'));
  return {
    sent,
    get: fail,
    bytes: fail,
    upload: fail,
    send: <T>(method: string, path: string) => {
      sent.push(`${method} ${path}`);
      return Promise.resolve({} as T);
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<ApiFailure> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiFailure);
  return err as ApiFailure;
}

const CASE = 'c0ffee00-0000-4000-8000-000000000001';
const STAFF = 'c0ffee00-0000-4000-8000-000000000002';

describe('staff requests carrying ciphertext', () => {
  it('sends a status change whose reason is a real envelope, and refuses junk, a wrong type or a key in its place', async () => {
    const client = recordingClient();
    const caseKey = crypto.randomBytes(32);
    await changeStatus(client, CASE, { status: 'acknowledged', reason: sealReason(crypto, caseKey, { kind: 'status', status: 'acknowledged' }, 'Reçu') });
    expect(client.sent).toEqual([`POST /cases/${CASE}/status`]);

    const junk = toB64(crypto.randomBytes(300));
    const noteEnvelope = toB64(crypto.encryptEnvelope(caseKey, new TextEncoder().encode('x'.repeat(200)), CASE, 'note'));
    for (const reason of [junk, noteEnvelope, toB64(crypto.x25519Keypair().publicKey)]) {
      const failure = await refusal(changeStatus(client, CASE, { status: 'acknowledged', reason }));
      expect(failure).toMatchObject({ id: 'envelope_invalid', status: 0 });
    }
    expect(client.sent).toHaveLength(1);
  });

  it('refuses an identity request or a grant whose sealed parts are not sealed boxes, sending nothing', async () => {
    const client = recordingClient();
    const junk = toB64(crypto.randomBytes(120));
    const identity = await refusal(requestIdentity(client, CASE, { reason: junk, custodianReasons: [{ custodianId: STAFF, sealed: junk }] }));
    expect(identity).toMatchObject({ id: 'envelope_invalid', status: 0, details: { field: 'reason' } });
    const grant = await refusal(grantAccess(client, CASE, { staffId: STAFF, keys: [{ kind: 'case', wrapped: junk }], transfer: false }));
    expect(grant).toMatchObject({ id: 'envelope_invalid', status: 0 });
    expect(client.sent).toEqual([]);
  });
});
