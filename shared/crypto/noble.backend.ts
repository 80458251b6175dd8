/**
 * The only file that imports the noble libraries: the pure-JavaScript backend for browsers
 * without WebAssembly (Tor Browser "Safer"). libsodium's sealed box is not in noble, so it is
 * built here from the same parts libsodium uses: X25519, HSalsa20, XSalsa20-Poly1305, BLAKE2b.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha';
import { hsalsa, xsalsa20poly1305 } from '@noble/ciphers/salsa';
import { x25519 } from '@noble/curves/ed25519';
import { argon2idAsync } from '@noble/hashes/argon2';
import { blake2b } from '@noble/hashes/blake2b';
import { alloc, concatBytes, requireLength, wipe } from './bytes';
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

let instance: CryptoBackend | undefined;

export function loadNobleBackend(): Promise<CryptoBackend> {
  instance ??= createBackend();
  return Promise.resolve(instance);
}

function createBackend(): CryptoBackend {
  const backend: CryptoBackend = Object.freeze({
    name: 'noble' as const,
    randomBytes,
    x25519Keypair(seed32?: Uint8Array): X25519Keypair {
      const seed = seed32 ?? randomBytes(KEY_BYTES);
      const secretKey = clampX25519(seed);
      if (seed32 === undefined) wipe(seed);
      return { publicKey: x25519.getPublicKey(secretKey), secretKey };
    },
    sealBox(message: Uint8Array, recipientPk: Uint8Array): Uint8Array {
      const ephemeralSeed = randomBytes(KEY_BYTES);
      try {
        return sealWith(message, recipientPk, ephemeralSeed);
      } finally {
        wipe(ephemeralSeed);
      }
    },
    openSealedBox(ciphertext: Uint8Array, recipientPk: Uint8Array, recipientSk: Uint8Array): Uint8Array {
      checkSealedBox(ciphertext, recipientPk, recipientSk);
      const epk = ciphertext.subarray(0, KEY_BYTES);
      let key: Uint8Array;
      try {
        key = boxKey(recipientSk, epk);
      } catch {
        // libsodium reports a low-order ephemeral key as a failed open, and so do we.
        throw new CryptoError('auth_failed', 'sealed box did not open');
      }
      try {
        return xsalsa20poly1305(key, sealNonce(epk, recipientPk)).decrypt(ciphertext.subarray(KEY_BYTES));
      } catch {
        throw new CryptoError('auth_failed', 'sealed box did not open');
      } finally {
        wipe(key);
      }
    },
    aeadEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array {
      checkAead(key, nonce);
      return xchacha20poly1305(key, nonce, ad).encrypt(plaintext);
    },
    aeadDecrypt(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, ad: Uint8Array): Uint8Array {
      checkAead(key, nonce);
      if (ciphertext.length < TAG_BYTES) throw new CryptoError('bad_length', 'AEAD ciphertext shorter than its tag');
      try {
        return xchacha20poly1305(key, nonce, ad).decrypt(ciphertext);
      } catch {
        throw new CryptoError('auth_failed', 'AEAD tag did not verify');
      }
    },
    async argon2id(password: Uint8Array, salt: Uint8Array, params: Argon2idParams, outLen: number): Promise<Uint8Array> {
      checkArgon2id(salt, params, outLen);
      // The async variant lets other promise callbacks run every 10 ms, but noble's nextTick is
      // an empty async function: it yields to microtasks only, so the page still cannot repaint
      // or take input. Multi-second derivations belong in a Web Worker (client/src/crypto).
      return argon2idAsync(password, salt, { t: params.passes, m: params.memKiB, p: 1, dkLen: outLen });
    },
    blake2b(message: Uint8Array, outLen: number, key?: Uint8Array): Uint8Array {
      checkBlake2b(outLen, key);
      return blake2b(message, key === undefined ? { dkLen: outLen } : { dkLen: outLen, key });
    },
  });
  registerTestSeams(backend, {
    sealBoxWithEphemeral: sealWith,
    boxWithNonce(message, nonce, recipientPk, senderSk) {
      requireLength('box nonce', nonce, XNONCE_BYTES);
      const key = boxKey(senderSk, recipientPk);
      try {
        return xsalsa20poly1305(key, nonce).encrypt(message);
      } finally {
        wipe(key);
      }
    },
  });
  return backend;
}

function sealWith(message: Uint8Array, recipientPk: Uint8Array, ephemeralSeed: Uint8Array): Uint8Array {
  requireLength('recipient public key', recipientPk, KEY_BYTES);
  const esk = clampX25519(ephemeralSeed);
  const epk = x25519.getPublicKey(esk);
  let key: Uint8Array;
  try {
    key = boxKey(esk, recipientPk);
  } catch {
    throw new CryptoError('bad_key', 'recipient public key rejected by X25519');
  } finally {
    wipe(esk);
  }
  try {
    return concatBytes(epk, xsalsa20poly1305(key, sealNonce(epk, recipientPk)).encrypt(message));
  } finally {
    wipe(key);
  }
}

/** crypto_box_beforenm: HSalsa20(key = X25519(sk, pk), input = 16 zero bytes). */
function boxKey(sk: Uint8Array, pk: Uint8Array): Uint8Array {
  requireLength('X25519 public key', pk, KEY_BYTES);
  requireLength('X25519 secret key', sk, KEY_BYTES);
  // noble throws on an all-zero shared secret, as libsodium's crypto_scalarmult does.
  const shared = x25519.getSharedSecret(sk, pk);
  const out = new Uint32Array(8);
  hsalsa(SIGMA, wordsLE(shared), new Uint32Array(4), out);
  wipe(shared);
  const key = bytesLE(out);
  out.fill(0);
  return key;
}

/** crypto_box_seal's nonce: BLAKE2b-192(ephemeral pk ‖ recipient pk). */
function sealNonce(epk: Uint8Array, recipientPk: Uint8Array): Uint8Array {
  return blake2b(concatBytes(epk, recipientPk), { dkLen: XNONCE_BYTES });
}

// "expand 32-byte k" as four little-endian words, the Salsa20 constant HSalsa20 starts from.
const SIGMA = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);

// Explicit little-endian conversion: a Uint32Array view would follow the platform's byte order.
function wordsLE(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < words.length; i++) {
    words[i] = (bytes[4 * i] | (bytes[4 * i + 1] << 8) | (bytes[4 * i + 2] << 16) | (bytes[4 * i + 3] << 24)) >>> 0;
  }
  return words;
}

function bytesLE(words: Uint32Array): Uint8Array {
  const out = alloc(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    out[4 * i] = words[i] & 0xff;
    out[4 * i + 1] = (words[i] >>> 8) & 0xff;
    out[4 * i + 2] = (words[i] >>> 16) & 0xff;
    out[4 * i + 3] = words[i] >>> 24;
  }
  return out;
}
