/** Messages between the page and the key-derivation worker: a receipt code or a staff password. */
import type { BackendName } from '../../../shared/crypto/index';

interface KdfCost {
  backend: BackendName;
  salt: Uint8Array;
  memKiB: number;
  passes: number;
}

export type KdfRequest = (KdfCost & { kind: 'receipt'; receipt: string }) | (KdfCost & { kind: 'staff'; password: string });

export type KdfResponse =
  | { ok: true; kind: 'receipt'; publicKey: Uint8Array; secretKey: Uint8Array; loginSecret: Uint8Array }
  | { ok: true; kind: 'staff'; keyEncryptionKey: Uint8Array; loginSecret: Uint8Array }
  | { ok: false; code: string | null };
