/**
 * The public surface of Amana's crypto, shared by the browser (Vite bundle) and the server and
 * tests (CommonJS). Deterministic test seams (fixed nonces, ephemeral keys, nonce prefixes) are
 * deliberately not exported here.
 */
export { CryptoError, isCryptoError, type CryptoErrorCode } from './crypto-error';
export type { Argon2idParams, BackendName, CryptoBackend, X25519Keypair } from './backend';
export { loadCrypto, loadBackend, webAssemblyAvailable } from './select-backend';
export { createAmanaCrypto, loadAmanaCrypto, type AmanaCrypto } from './amana-crypto';
export { ENVELOPE_OVERHEAD, ENVELOPE_TYPES, ENVELOPE_VERSION, envelopeTypeOf, type EnvelopeType } from './envelope';
export { KEY_KINDS, type KeyKind } from './key-blob';
export { WRAPPED_KEY_BYTES, type CaseKeys, type PrivateKeySlot } from './keys';
export type { ReporterKeys, StaffKeys } from './key-derivation';
export { paddedLength } from './padding';
export { formatReceipt, generateReceipt, normalizeReceipt, receiptVersion, RECEIPT_DIGITS, RECEIPT_V2_DIGITS, type ReceiptVersion } from './receipt';
export { RECEIPT_V2_ITERATIONS } from './key-derivation';
export {
  ATTACHMENT_CHUNK_BYTES,
  ATTACHMENT_CIPHER_CHUNK_BYTES,
  STREAM_HEADER_BYTES,
  type AttachmentDecryptor,
  type AttachmentEncryptor,
} from './stream';
export { readableStreamChunks, toReadableStream, type EncryptedAttachmentStream, type NewAttachmentKey } from './attachment-stream';
export { solvePow, verifyPow, POW_MAX_DIFFICULTY, type SolveOptions } from './proof-of-work';
export { constantTimeEqual, fromHex, toHex } from './bytes';
