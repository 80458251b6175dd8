/**
 * The domain API the app uses: every operation Amana performs, bound to one backend. Nothing
 * here takes a nonce, an ephemeral key or a padding choice from the caller; those are fixed by
 * the protocol (docs/PROTOCOL.md) so the app cannot get them wrong.
 */
import type { Argon2idParams, BackendName, CryptoBackend, X25519Keypair } from './backend';
import { decryptEnvelope, encryptEnvelope, type EnvelopeType } from './envelope';
import { deriveReporterKeys, deriveStaffKeys, type ReporterKeys, type StaffKeys } from './key-derivation';
import type { KeyKind } from './key-blob';
import {
  decryptPrivateKey,
  encryptPrivateKey,
  newCaseKeys,
  unwrapKey,
  unwrapKeyForSelf,
  wrapKey,
  wrapKeyForSelf,
  type CaseKeys,
  type PrivateKeySlot,
} from './keys';
import {
  decryptAttachmentStream,
  encryptAttachmentStream,
  newAttachmentKey,
  openAttachmentKey,
  type EncryptedAttachmentStream,
  type NewAttachmentKey,
} from './attachment-stream';
import { createAttachmentDecryptor, createAttachmentEncryptor, type AttachmentDecryptor, type AttachmentEncryptor } from './stream';
import { loadCrypto } from './select-backend';

export interface AmanaCrypto {
  /** Which backend runs: for diagnostics and benchmarks only, never sent to the server. */
  readonly backendName: BackendName;
  randomBytes(length: number): Uint8Array;
  x25519Keypair(seed32?: Uint8Array): X25519Keypair;

  encryptEnvelope(key: Uint8Array, plaintext: Uint8Array, context: string, type: EnvelopeType): Uint8Array;
  decryptEnvelope(key: Uint8Array, envelope: Uint8Array, context: string, type: EnvelopeType): Uint8Array;

  newCaseKeys(): CaseKeys;
  wrapKey(key: Uint8Array, recipientPk: Uint8Array, kind: KeyKind): Uint8Array;
  unwrapKey(wrapped: Uint8Array, recipient: X25519Keypair, kind: KeyKind): Uint8Array;
  wrapKeyForSelf(key: Uint8Array, ownSecretKey: Uint8Array, kind: KeyKind): Uint8Array;
  unwrapKeyForSelf(envelope: Uint8Array, ownSecretKey: Uint8Array, kind: KeyKind): Uint8Array;

  deriveReporterKeys(receipt: string, installationSalt: Uint8Array, params: Argon2idParams): Promise<ReporterKeys>;
  deriveStaffKeys(password: string, salt: Uint8Array, params: Argon2idParams): Promise<StaffKeys>;
  encryptPrivateKey(secretKey: Uint8Array, kek: Uint8Array, slot: PrivateKeySlot): Uint8Array;
  decryptPrivateKey(envelope: Uint8Array, kek: Uint8Array, slot: PrivateKeySlot): Uint8Array;

  newAttachmentKey(caseKey: Uint8Array, attachmentId: string): NewAttachmentKey;
  openAttachmentKey(caseKey: Uint8Array, attachmentId: string, wrappedFileKey: Uint8Array): Uint8Array;
  createAttachmentEncryptor(fileKey: Uint8Array): AttachmentEncryptor;
  createAttachmentDecryptor(fileKey: Uint8Array, header: Uint8Array): AttachmentDecryptor;
  encryptAttachmentStream(fileKey: Uint8Array, source: AsyncIterable<Uint8Array>): EncryptedAttachmentStream;
  decryptAttachmentStream(fileKey: Uint8Array, header: Uint8Array, source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array>;
}

export function createAmanaCrypto(backend: CryptoBackend): AmanaCrypto {
  return Object.freeze({
    backendName: backend.name,
    randomBytes: (length: number) => backend.randomBytes(length),
    x25519Keypair: (seed32?: Uint8Array) => backend.x25519Keypair(seed32),
    encryptEnvelope: (key: Uint8Array, plaintext: Uint8Array, context: string, type: EnvelopeType) =>
      encryptEnvelope(backend, key, plaintext, context, type),
    decryptEnvelope: (key: Uint8Array, envelope: Uint8Array, context: string, type: EnvelopeType) =>
      decryptEnvelope(backend, key, envelope, context, type),
    newCaseKeys: () => newCaseKeys(backend),
    wrapKey: (key: Uint8Array, recipientPk: Uint8Array, kind: KeyKind) => wrapKey(backend, key, recipientPk, kind),
    unwrapKey: (wrapped: Uint8Array, recipient: X25519Keypair, kind: KeyKind) => unwrapKey(backend, wrapped, recipient, kind),
    wrapKeyForSelf: (key: Uint8Array, ownSecretKey: Uint8Array, kind: KeyKind) => wrapKeyForSelf(backend, key, ownSecretKey, kind),
    unwrapKeyForSelf: (envelope: Uint8Array, ownSecretKey: Uint8Array, kind: KeyKind) =>
      unwrapKeyForSelf(backend, envelope, ownSecretKey, kind),
    deriveReporterKeys: (receipt: string, installationSalt: Uint8Array, params: Argon2idParams) =>
      deriveReporterKeys(backend, receipt, installationSalt, params),
    deriveStaffKeys: (password: string, salt: Uint8Array, params: Argon2idParams) => deriveStaffKeys(backend, password, salt, params),
    encryptPrivateKey: (secretKey: Uint8Array, kek: Uint8Array, slot: PrivateKeySlot) => encryptPrivateKey(backend, secretKey, kek, slot),
    decryptPrivateKey: (envelope: Uint8Array, kek: Uint8Array, slot: PrivateKeySlot) => decryptPrivateKey(backend, envelope, kek, slot),
    newAttachmentKey: (caseKey: Uint8Array, attachmentId: string) => newAttachmentKey(backend, caseKey, attachmentId),
    openAttachmentKey: (caseKey: Uint8Array, attachmentId: string, wrappedFileKey: Uint8Array) =>
      openAttachmentKey(backend, caseKey, attachmentId, wrappedFileKey),
    createAttachmentEncryptor: (fileKey: Uint8Array) => createAttachmentEncryptor(backend, fileKey),
    createAttachmentDecryptor: (fileKey: Uint8Array, header: Uint8Array) => createAttachmentDecryptor(backend, fileKey, header),
    encryptAttachmentStream: (fileKey: Uint8Array, source: AsyncIterable<Uint8Array>) => encryptAttachmentStream(backend, fileKey, source),
    decryptAttachmentStream: (fileKey: Uint8Array, header: Uint8Array, source: AsyncIterable<Uint8Array>) =>
      decryptAttachmentStream(backend, fileKey, header, source),
  });
}

/** Loads the best available backend (see select-backend.ts) and binds the domain API to it. */
export async function loadAmanaCrypto(prefer?: BackendName): Promise<AmanaCrypto> {
  return createAmanaCrypto(await loadCrypto(prefer));
}
