/**
 * The only file that imports libsodium-wrappers-sumo. It exposes an allow-list of primitives as
 * a CryptoBackend and nothing else, so the rest of the code cannot reach for a libsodium
 * function whose output the noble backend does not reproduce.
 */
import { concatBytes, requireLength, toHex, utf8, wipe } from './bytes';
import { CryptoError } from './crypto-error';
import { randomBytes } from './csprng';
import {
  checkAead,
  checkArgon2id,
  checkBlake2b,
  checkSealedBox,
  clampX25519,
  KEY_BYTES,
  registerTestSeams,
  TAG_BYTES,
  XNONCE_BYTES,
  type Argon2idParams,
  type CryptoBackend,
  type X25519Keypair,
} from './backend';

type Sodium = typeof import('libsodium-wrappers-sumo');

let loading: Promise<CryptoBackend> | undefined;

/** Loads libsodium once (its `ready` is awaited once) and checks that it really works. */
export function loadLibsodiumBackend(): Promise<CryptoBackend> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined; // a later call may retry, e.g. after a transient chunk-load failure
    throw err;
  });
  return loading;
}

async function load(): Promise<CryptoBackend> {
  // Dynamic import so a bundler puts libsodium's 1.4 MB in its own chunk, fetched only when used.
  const mod: Sodium & { default?: Sodium } = await import('libsodium-wrappers-sumo');
  const sodium = mod.default ?? mod;
  await sodium.ready;
  // When WebAssembly fails, libsodium.js logs an abort and resolves `ready` through a bundled
  // wasm2js fallback; a resolved promise says nothing about which build runs or whether it
  // works, so a known answer is checked before the backend is trusted.
  selfTest(sodium);
  const backend = createBackend(sodium);
  registerTestSeams(backend, {
    sealBoxWithEphemeral: (message, recipientPk, ephemeralSeed) => sealWith(sodium, message, recipientPk, ephemeralSeed),
    boxWithNonce: (message, nonce, recipientPk, senderSk) => {
      requireLength('box nonce', nonce, XNONCE_BYTES);
      return sodium.crypto_box_easy(message, nonce, recipientPk, senderSk);
    },
  });
  return backend;
}

function selfTest(sodium: Sodium): void {
  // RFC 7693 appendix A: BLAKE2b-512("abc").
  const expected =
    'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1' +
    '7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923';
  if (toHex(sodium.crypto_generichash(64, utf8('abc'), null)) !== expected) {
    throw new Error('libsodium self-test failed');
  }
}

function createBackend(sodium: Sodium): CryptoBackend {
  return Object.freeze({
    name: 'libsodium' as const,
    randomBytes,
    x25519Keypair(seed32?: Uint8Array): X25519Keypair {
      const seed = seed32 ?? randomBytes(KEY_BYTES);
      // Not crypto_box_seed_keypair: it hashes the seed with SHA-512 first, which noble would
      // have to imitate. Clamping the seed itself is the X25519 definition both libraries share.
      const secretKey = clampX25519(seed);
      if (seed32 === undefined) wipe(seed);
      return { publicKey: sodium.crypto_scalarmult_base(secretKey), secretKey };
    },
    sealBox(message: Uint8Array, recipientPk: Uint8Array): Uint8Array {
      requireLength('recipient public key', recipientPk, KEY_BYTES);
      try {
        return sodium.crypto_box_seal(message, recipientPk);
      } catch {
        throw new CryptoError('bad_key', 'recipient public key rejected by X25519');
      }
    },
    openSealedBox(ciphertext: Uint8Array, recipientPk: Uint8Array, recipientSk: Uint8Array): Uint8Array {
      checkSealedBox(ciphertext, recipientPk, recipientSk);
      try {
        return sodium.crypto_box_seal_open(ciphertext, recipientPk, recipientSk);
      } catch {
        throw new CryptoError('auth_failed', 'sealed box did not open');
      }
    },
    aeadEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array {
      checkAead(key, nonce);
      return sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
    },
    aeadDecrypt(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, ad: Uint8Array): Uint8Array {
      checkAead(key, nonce);
      if (ciphertext.length < TAG_BYTES) throw new CryptoError('bad_length', 'AEAD ciphertext shorter than its tag');
      try {
        return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key);
      } catch {
        throw new CryptoError('auth_failed', 'AEAD tag did not verify');
      }
    },
    async argon2id(password: Uint8Array, salt: Uint8Array, params: Argon2idParams, outLen: number): Promise<Uint8Array> {
      checkArgon2id(salt, params, outLen);
      return sodium.crypto_pwhash(outLen, password, salt, params.passes, params.memKiB * 1024, sodium.crypto_pwhash_ALG_ARGON2ID13);
    },
    blake2b(message: Uint8Array, outLen: number, key?: Uint8Array): Uint8Array {
      checkBlake2b(outLen, key);
      return sodium.crypto_generichash(outLen, message, key ?? null);
    },
  });
}

/** crypto_box_seal spelled out, so a test can fix the ephemeral key and compare with noble. */
function sealWith(sodium: Sodium, message: Uint8Array, recipientPk: Uint8Array, ephemeralSeed: Uint8Array): Uint8Array {
  requireLength('recipient public key', recipientPk, KEY_BYTES);
  const esk = clampX25519(ephemeralSeed);
  const epk = sodium.crypto_scalarmult_base(esk);
  const nonce = sodium.crypto_generichash(XNONCE_BYTES, concatBytes(epk, recipientPk), null);
  try {
    return concatBytes(epk, sodium.crypto_box_easy(message, nonce, recipientPk, esk));
  } catch {
    throw new CryptoError('bad_key', 'recipient public key rejected by X25519');
  } finally {
    wipe(esk);
  }
}
