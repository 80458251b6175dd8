/**
 * Report submissions built the way a reporter's browser builds them, with the real crypto
 * module: fresh case keys, answers encrypted under the case key, the case key wrapped for the
 * reporter's own key and sealed to each officer, a fresh login secret, and a proof of work
 * solved for a challenge the server issued. All of it is done before the timed phase.
 */
import http from 'node:http';
import type { PowChallenge, SubmitReport, WrappedKeyInput } from '../../shared/api/report.schema';
import { solvePow, type AmanaCrypto } from '../../shared/crypto';
import { CONTEXT, type ReportBodyV1 } from '../../shared/protocol/report-body';
import { BENCH_CHANNEL, type ReadyMessage } from './app-protocol';
import { json } from './http';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** About what a reporter writes in the corruption questionnaire: a paragraph and three answers. */
function answers(): Uint8Array {
  const body: ReportBodyV1 = {
    v: 1,
    channelId: BENCH_CHANNEL.id,
    category: BENCH_CHANNEL.category,
    language: 'fr',
    answers: {
      what: 'The clerk at the permits desk asked for 2000 dirhams to move my file forward. '.repeat(8),
      involved: 'employee',
      money_involved: 'yes',
      amount: '2000',
    },
    attachments: [],
  };
  return new TextEncoder().encode(JSON.stringify(body));
}

/** As client/src/report/submit-report.ts builds it: the reporter's own key is a self-key envelope. */
export function buildReport(crypto: AmanaCrypto, officers: ReadyMessage['officers']): Omit<SubmitReport, 'pow'> {
  const reporter = crypto.x25519Keypair();
  const { caseKey, notesKey } = crypto.newCaseKeys();
  const keys: WrappedKeyInput[] = [{ kind: 'case', recipient: 'reporter', wrapped: b64(crypto.wrapKeyForSelf(caseKey, reporter.secretKey, 'case')) }];
  for (const officer of officers) {
    const pk = new Uint8Array(Buffer.from(officer.publicKey, 'base64'));
    keys.push({ kind: 'case', recipient: officer.id, wrapped: b64(crypto.wrapKey(caseKey, pk, 'case')) });
    keys.push({ kind: 'notes', recipient: officer.id, wrapped: b64(crypto.wrapKey(notesKey, pk, 'notes')) });
  }
  return {
    channelId: BENCH_CHANNEL.id,
    category: BENCH_CHANNEL.category,
    language: 'fr',
    reporterPublicKey: b64(reporter.publicKey),
    loginSecret: b64(crypto.randomBytes(32)),
    body: b64(crypto.encryptEnvelope(caseKey, answers(), CONTEXT.body, 'body')),
    identity: null,
    keys,
    attachmentIds: [],
  };
}

/**
 * `count` complete POST /reports bodies, each with its own challenge from GET /pow solved
 * with shared/crypto's solvePow, serialised ready to send. Two lanes, so one fetches a
 * challenge while the other solves.
 */
export async function presolvedReports(port: number, crypto: AmanaCrypto, officers: ReadyMessage['officers'], count: number): Promise<Buffer[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const bodies: Buffer[] = [];
  const lane = async (): Promise<void> => {
    while (bodies.length < count) {
      const { challenge, difficulty } = await json<PowChallenge>(port, 'GET', '/api/v1/pow', undefined, 200, agent);
      // Small batches: at a low difficulty most of a 256-digest batch would be wasted work.
      const nonce = await solvePow(new Uint8Array(Buffer.from(challenge, 'base64')), difficulty, { batchSize: 64 });
      bodies.push(Buffer.from(JSON.stringify({ ...buildReport(crypto, officers), pow: { challenge, nonce } } satisfies SubmitReport)));
    }
  };
  try {
    await Promise.all([lane(), lane()]);
  } finally {
    agent.destroy();
  }
  return bodies.slice(0, count);
}
