/**
 * An identity request's reason, sealed to each custodian who could decide it. Custodians
 * hold no case key, so the reason reaches them as a sealed box (docs/PROTOCOL.md §1.1) to
 * their public key. The domain API seals only keys, so this takes the backend's sealed box
 * directly. The plaintext names the case, so a server cannot show a custodian the reason of
 * another request, and is padded with JSON whitespace to a multiple of 256 bytes so its
 * length says little about the text.
 */
import { fromB64, toB64 } from '../../../../shared/api/common.schema';
import { loadBackend, type AmanaCrypto, type CryptoBackend, type X25519Keypair } from '../../../../shared/crypto/index';
import { REASON_MAX_CHARS } from '../../crypto/case-reason';

interface CustodianReasonV1 {
  v: 1;
  caseId: string;
  text: string;
}

const PAD_TO = 256;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

let backend: Promise<CryptoBackend> | null = null;
/** The same backend the page's AmanaCrypto runs on, loaded once. */
function backendOf(crypto: AmanaCrypto): Promise<CryptoBackend> {
  backend ??= loadBackend(crypto.backendName).catch((err: unknown) => {
    backend = null;
    throw err;
  });
  return backend;
}

export function padJson(json: string): Uint8Array {
  const bytes = encoder.encode(json);
  const length = Math.ceil((bytes.length + 1) / PAD_TO) * PAD_TO;
  const out = new Uint8Array(length).fill(0x20);
  out.set(bytes);
  return out;
}

export async function sealReasonToCustodian(crypto: AmanaCrypto, custodianPublicKey: string, caseId: string, text: string): Promise<string> {
  const body: CustodianReasonV1 = { v: 1, caseId, text: text.slice(0, REASON_MAX_CHARS) };
  const plain = padJson(JSON.stringify(body));
  try {
    return toB64((await backendOf(crypto)).sealBox(plain, fromB64(custodianPublicKey)));
  } finally {
    plain.fill(0);
  }
}

/** The reason's text, or null when it does not open with this key pair or names another case. */
export async function openCustodianReason(crypto: AmanaCrypto, custodian: X25519Keypair, caseId: string, sealed: string): Promise<string | null> {
  try {
    const plain = (await backendOf(crypto)).openSealedBox(fromB64(sealed), custodian.publicKey, custodian.secretKey);
    const value: unknown = JSON.parse(decoder.decode(plain));
    if (typeof value !== 'object' || value === null) return null;
    const body = value as Partial<CustodianReasonV1>;
    return body.v === 1 && body.caseId === caseId && typeof body.text === 'string' ? body.text : null;
  } catch {
    return null;
  }
}
