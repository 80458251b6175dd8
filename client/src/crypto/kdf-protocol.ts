/** Messages between the page and the key-derivation worker. */
import type { BackendName } from '../../../shared/crypto/index';

export interface KdfRequest {
  backend: BackendName;
  receipt: string;
  salt: Uint8Array;
  memKiB: number;
  passes: number;
}

export type KdfResponse =
  | { ok: true; publicKey: Uint8Array; secretKey: Uint8Array; loginSecret: Uint8Array }
  | { ok: false; code: string | null };
