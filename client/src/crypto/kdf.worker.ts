/**
 * Argon2id runs here, off the page's thread. noble's "async" Argon2id only yields to
 * microtasks, which never let the page repaint or take input, so without WebAssembly the
 * page would freeze for seconds. The worker uses the same backend as the page.
 */
import { createAmanaCrypto, loadBackend, loadCrypto } from '../../../shared/crypto/index';
import type { KdfRequest, KdfResponse } from './kdf-protocol';

// The client is type-checked against the DOM library, whose `self` is a Window; in a dedicated
// worker it is a scope whose postMessage takes no target origin.
interface WorkerScope {
  onmessage: ((event: MessageEvent<KdfRequest>) => void) | null;
  postMessage(message: KdfResponse): void;
}
const scope = self as unknown as WorkerScope;

async function derive(request: KdfRequest): Promise<KdfResponse> {
  // The page already knows which backend works here; noble needs no fallback.
  const crypto = createAmanaCrypto(request.backend === 'noble' ? await loadBackend('noble') : await loadCrypto('libsodium'));
  const params = { memKiB: request.memKiB, passes: request.passes };
  if (request.kind === 'staff') {
    const keys = await crypto.deriveStaffKeys(request.password, request.salt, params);
    return { ok: true, kind: 'staff', keyEncryptionKey: keys.keyEncryptionKey, loginSecret: keys.loginSecret };
  }
  const keys = await crypto.deriveReporterKeys(request.receipt, request.salt, params);
  return { ok: true, kind: 'receipt', publicKey: keys.keypair.publicKey, secretKey: keys.keypair.secretKey, loginSecret: keys.loginSecret };
}

scope.onmessage = async (event) => {
  let response: KdfResponse;
  try {
    response = await derive(event.data);
  } catch (err) {
    const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : null;
    response = { ok: false, code };
  }
  scope.postMessage(response);
};
