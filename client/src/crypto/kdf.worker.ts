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

scope.onmessage = async (event) => {
  const { backend: name, receipt, salt, memKiB, passes } = event.data;
  let response: KdfResponse;
  try {
    // The page already knows which backend works here; noble needs no fallback.
    const crypto = createAmanaCrypto(name === 'noble' ? await loadBackend('noble') : await loadCrypto('libsodium'));
    const keys = await crypto.deriveReporterKeys(receipt, salt, { memKiB, passes });
    response = { ok: true, publicKey: keys.keypair.publicKey, secretKey: keys.keypair.secretKey, loginSecret: keys.loginSecret };
  } catch (err) {
    const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : null;
    response = { ok: false, code };
  }
  scope.postMessage(response);
};
