/**
 * Receipt code -> reporter keys, and staff password -> staff keys, in a Web Worker so the
 * page keeps repainting its progress while Argon2id runs (the receipt with libsodium is fast
 * enough for the page itself). Version 2 receipts (21 digits) use WebCrypto's PBKDF2, native
 * and asynchronous, so they never need the worker. Browsers that cannot start a module worker
 * derive on the page.
 */
import type { PublicInstallation } from '../../../shared/api/channel.schema';
import { fromB64 } from '../../../shared/api/common.schema';
import { CryptoError, normalizeReceipt, receiptVersion, type AmanaCrypto, type Argon2idParams, type CryptoErrorCode, type ReporterKeys, type StaffKeys } from '../../../shared/crypto/index';
import type { KdfRequest, KdfResponse } from './kdf-protocol';
import { receiptKdfParams } from './receipt-kdf';

type Success = Extract<KdfResponse, { ok: true }>;

function inWorker(request: KdfRequest): Promise<Success> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./kdf.worker.ts', import.meta.url), { type: 'module' });
    } catch (err) {
      reject(err);
      return;
    }
    worker.onmessage = (event: MessageEvent<KdfResponse>) => {
      worker.terminate();
      const data = event.data;
      if (data.ok) resolve(data);
      else reject(new CryptoError((data.code ?? 'bad_params') as CryptoErrorCode, 'key derivation failed in the worker'));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error('worker failed to start'));
    };
    worker.postMessage(request);
  });
}

export async function deriveKeysFromReceipt(crypto: AmanaCrypto, receipt: string, installation: PublicInstallation): Promise<ReporterKeys> {
  const salt = fromB64(installation.receiptSalt);
  const params = receiptKdfParams(installation.receiptKdf);
  // Version 2 runs in WebCrypto off the page's thread already. With WebAssembly a version 1
  // receipt's Argon2id takes milliseconds, and a worker would download a second copy of
  // libsodium (its bundle cannot share the page's); only noble on a version 1 receipt needs it.
  if (receiptVersion(normalizeReceipt(receipt)) === 2 || crypto.backendName === 'libsodium') return crypto.deriveReporterKeys(receipt, salt, params);
  try {
    const data = await inWorker({ kind: 'receipt', backend: crypto.backendName, receipt, salt, ...params });
    if (data.kind !== 'receipt') throw new CryptoError('bad_params', 'the worker answered another derivation');
    return { keypair: { publicKey: data.publicKey, secretKey: data.secretKey }, loginSecret: data.loginSecret };
  } catch (err) {
    if (err instanceof CryptoError) throw err;
    return crypto.deriveReporterKeys(receipt, salt, params);
  }
}

/** The caller has already checked `params` against the bundled floor (staff/crypto/staff-kdf.ts). */
export async function deriveStaffKeysOffPage(crypto: AmanaCrypto, password: string, salt: Uint8Array, params: Argon2idParams): Promise<StaffKeys> {
  try {
    const data = await inWorker({ kind: 'staff', backend: crypto.backendName, password, salt, ...params });
    if (data.kind !== 'staff') throw new CryptoError('bad_params', 'the worker answered another derivation');
    return { keyEncryptionKey: data.keyEncryptionKey, loginSecret: data.loginSecret };
  } catch (err) {
    if (err instanceof CryptoError) throw err;
    return crypto.deriveStaffKeys(password, salt, params);
  }
}
