/**
 * Receipt code -> reporter keys, in a Web Worker so the page keeps repainting its progress
 * while Argon2id runs. Browsers that cannot start a module worker derive on the page.
 */
import type { PublicInstallation } from '../../../shared/api/channel.schema';
import { fromB64 } from '../../../shared/api/common.schema';
import { CryptoError, type AmanaCrypto, type CryptoErrorCode, type ReporterKeys } from '../../../shared/crypto/index';
import type { KdfRequest, KdfResponse } from './kdf-protocol';
import { receiptKdfParams } from './receipt-kdf';

function inWorker(request: KdfRequest): Promise<ReporterKeys> {
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
      if (data.ok) resolve({ keypair: { publicKey: data.publicKey, secretKey: data.secretKey }, loginSecret: data.loginSecret });
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
  try {
    return await inWorker({ backend: crypto.backendName, receipt, salt, ...params });
  } catch (err) {
    if (err instanceof CryptoError) throw err;
    return crypto.deriveReporterKeys(receipt, salt, params);
  }
}
