/**
 * Sending a report when the server's answer is lost after it stored the case: the page
 * must retry with exactly the same request (same receipt, body, keys, proof of work and
 * attachment ids) and end with the receipt of the one stored case, never a second case.
 * The server here keeps cases by login secret and answers an identical replay with the
 * original 201, as POST /reports does.
 */
import type { PublicChannel, PublicInstallation } from '../../../shared/api/channel.schema';
import { fromB64, toB64 } from '../../../shared/api/common.schema';
import type { SubmitReport } from '../../../shared/api/report.schema';
import { loadAmanaCrypto, type AmanaCrypto } from '../../../shared/crypto/index';
import { postMessage } from '../../../shared/api/report.schema';
import { ApiFailure } from '../api/http';
import { checkBeforeSend } from '../crypto/check-before-send';
import { emptyDraft } from './draft';
import { sendReport, type PendingSubmission, type SendInput } from './submit-report';

let crypto: AmanaCrypto;
beforeAll(async () => {
  crypto = await loadAmanaCrypto('libsodium');
});

const text = (en: string) => ({ ar: en, fr: en, en });
const installation: PublicInstallation = {
  receiptSalt: toB64(new Uint8Array(16).fill(7)),
  receiptKdf: { memKiB: 8 * 1024, passes: 2 },
  powDifficulty: 1,
  limits: { attachmentBytes: 1 << 20, attachmentsPerReport: 5, chunkBytes: 65536, partChunks: 4, reportBytes: 64 * 1024, messageBytes: 16 * 1024 },
  deadlines: { acknowledgeDays: 7, feedbackDays: 90 },
  custodians: [],
  languages: ['ar', 'fr', 'en'],
};
const ATTACHMENT_ID = '0b5c7a52-1f6e-4d0b-9a53-2d7b3f0c1e11';

function channelWith(officerPk: Uint8Array): PublicChannel {
  return {
    id: 'ch-corruption',
    slug: 'corruption',
    version: 1,
    available: true,
    officers: [{ id: 'officer-1', department: null, supervisor: false, publicKey: toB64(officerPk) }],
    definition: {
      name: text('Corruption'),
      description: text('Bribes'),
      categories: [{ id: 'bribery', label: text('Bribery') }],
      allowIdentity: false,
      routing: [],
      questionnaire: [
        { id: 'what', type: 'long_text', label: text('What'), required: true },
        { id: 'proof', type: 'file', label: text('Proof'), required: false },
      ],
    },
  };
}

type Outcome = 'answer' | 'lose' | 'down' | 'hang';

/** A POST /reports that stores by login secret; `plan` says what happens to each POST's answer. */
class FakeServer {
  readonly cases = new Map<string, string>();
  readonly posts: string[] = [];
  readonly challenges: string[] = [];
  /** index of the POST refused with pow_invalid (nothing stored), -1 for none */
  refusePowAt = -1;
  constructor(private readonly plan: Outcome[]) {}

  fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (url.endsWith('/pow')) {
      const challenge = toB64(crypto.randomBytes(24));
      this.challenges.push(challenge);
      return json(200, { challenge, difficulty: 1, expiresAt: new Date(Date.now() + 60_000).toISOString() });
    }
    if (!url.endsWith('/reports') || init?.method !== 'POST') return json(404, { error: { id: 'not_found', message: 'no' } });
    const raw = String(init.body);
    const outcome = this.plan[this.posts.length] ?? 'answer';
    this.posts.push(raw);
    if (outcome === 'down') throw new TypeError('Failed to fetch');
    if (outcome === 'hang') return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const request = JSON.parse(raw) as SubmitReport;
    if (this.posts.length - 1 === this.refusePowAt) return json(400, { error: { id: 'pow_invalid', message: 'expired' } });
    const { pow: _pow, ...identity } = request;
    const fingerprint = JSON.stringify(identity);
    const existing = this.cases.get(request.loginSecret);
    if (existing !== undefined && existing !== fingerprint) return json(409, { error: { id: 'receipt_collision', message: 'taken' } });
    this.cases.set(request.loginSecret, fingerprint);
    // 'lose': stored, then the connection drops before the 201 reaches the browser.
    if (outcome === 'lose') throw new TypeError('network error: connection reset');
    return json(201, { status: 'received', acknowledgeBy: '2026-01-08T00:00:00.000Z', feedbackBy: '2026-04-01T00:00:00.000Z' });
  };
}

function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
}

function setup(plan: Outcome[]) {
  const server = new FakeServer(plan);
  jest.spyOn(globalThis, 'fetch').mockImplementation(server.fetch);
  const officer = crypto.x25519Keypair();
  const input: SendInput = {
    crypto,
    installation,
    channel: channelWith(officer.publicKey),
    draft: { ...emptyDraft(), category: 'bribery', answers: { what: 'A bribe at the permit desk' } },
    language: 'fr',
    attachments: [{ attachmentId: ATTACHMENT_ID, name: 'a.pdf', type: 'application/pdf', size: 10, fileKey: toB64(new Uint8Array(32)), header: toB64(new Uint8Array(24)), questionId: 'proof' }],
    onProgress: () => undefined,
    signal: new AbortController().signal,
  };
  return { server, input, pending: { current: null } as PendingSubmission };
}

async function loginSecretOf(receipt: string): Promise<string> {
  const keys = await crypto.deriveReporterKeys(receipt, fromB64(installation.receiptSalt), installation.receiptKdf);
  return toB64(keys.loginSecret);
}

afterEach(() => jest.restoreAllMocks());

describe('sending a report whose answer is lost', () => {
  it('retries the same bytes after the server stored the first one, and shows that case’s receipt', async () => {
    const { server, input, pending } = setup(['lose']);
    const result = await sendReport(input, pending, { delays: [0, 0, 0] });
    expect(server.posts).toHaveLength(2);
    expect(server.posts[1]).toBe(server.posts[0]);
    expect(server.cases.size).toBe(1);
    expect([...server.cases.keys()]).toEqual([await loginSecretOf(result.receipt)]);
    expect((JSON.parse(server.posts[0]!) as SubmitReport).attachmentIds).toEqual([ATTACHMENT_ID]);
    expect(result.response.status).toBe('received');
    expect(pending.current).toBeNull();
  });

  it('keeps the submission after the automatic retries fail, and "Send again" sends the same bytes', async () => {
    const { server, input, pending } = setup(['lose', 'down', 'down']);
    const failure = await sendReport(input, pending, { delays: [0, 0] }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect((failure as ApiFailure).id).toBe('network');
    expect(pending.current?.maybeStored).toBe(true);
    const kept = pending.current!.receipt;

    const result = await sendReport(input, pending, { delays: [] });
    expect(result.receipt).toBe(kept);
    expect(new Set(server.posts).size).toBe(1);
    expect(server.posts).toHaveLength(4);
    expect(server.cases.size).toBe(1);
    expect([...server.cases.keys()]).toEqual([await loginSecretOf(kept)]);
    // one proof of work for all of it: the receipt, the keys and the proof were made once
    expect(server.challenges).toHaveLength(1);
  });

  it('treats an answer that never comes as lost and resends the same request', async () => {
    const { server, input, pending } = setup(['hang']);
    const result = await sendReport(input, pending, { delays: [0], timeoutMs: 50 });
    expect(server.posts).toHaveLength(2);
    expect(server.posts[1]).toBe(server.posts[0]);
    expect([...server.cases.keys()]).toEqual([await loginSecretOf(result.receipt)]);
  });

  it('renews only the proof of work when it is refused: same receipt, body and keys', async () => {
    const { server, input, pending } = setup(['lose']);
    // the replay after the lost answer meets an expired challenge
    server.refusePowAt = 1;
    const result = await sendReport(input, pending, { delays: [0] });
    const sent = server.posts.map((p) => JSON.parse(p) as SubmitReport);
    expect(sent).toHaveLength(3);
    expect(sent[2]!.pow).not.toEqual(sent[0]!.pow);
    expect({ ...sent[2]!, pow: null }).toEqual({ ...sent[0]!, pow: null });
    expect(server.cases.size).toBe(1);
    expect([...server.cases.keys()]).toEqual([await loginSecretOf(result.receipt)]);
  });

  it('forgets the submission when the server refused it outright, so the report can be edited', async () => {
    const { input, pending } = setup([]);
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (url) =>
      String(url).endsWith('/pow') ? json(200, { challenge: toB64(crypto.randomBytes(24)), difficulty: 1, expiresAt: new Date().toISOString() }) : json(400, { error: { id: 'validation_failed', message: 'bad' } }),
    );
    await expect(sendReport(input, pending, { delays: [0] })).rejects.toMatchObject({ id: 'validation_failed' });
    expect(pending.current).toBeNull();
  });

  it('keeps the submission when a refusal follows a lost answer: the first one may be stored', async () => {
    const { server, input, pending } = setup(['lose']);
    const original = server.fetch;
    let calls = 0;
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      if (String(url).endsWith('/reports') && ++calls === 2) return json(409, { error: { id: 'attachment_attached', message: 'attached' } });
      return original(url, init);
    });
    await expect(sendReport(input, pending, { delays: [0] })).rejects.toMatchObject({ id: 'attachment_attached' });
    expect(pending.current?.maybeStored).toBe(true);
    expect(server.cases.size).toBe(1);
  });

  it('refuses to seal a report to a low-order officer key, before anything is sent', async () => {
    const { server, input, pending } = setup([]);
    const zero = { ...input, channel: { ...input.channel, officers: [{ ...input.channel.officers[0]!, publicKey: toB64(new Uint8Array(32)) }] } };
    await expect(sendReport(zero, pending, { delays: [] })).rejects.toMatchObject({ id: 'recipient_key_invalid', status: 0 });
    expect(server.posts).toHaveLength(0);
    expect(pending.current).toBeNull();
  });
});

describe('the server’s checks, run in the browser before sending', () => {
  it('refuses a ciphertext the server would refuse, with the same stable id', () => {
    const request = { id: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b', body: toB64(new Uint8Array(26)), attachmentIds: [] };
    expect(() => checkBeforeSend(postMessage, request)).toThrow(expect.objectContaining({ id: 'envelope_invalid', details: { field: 'body', reason: 'length' } }));
  });
});
