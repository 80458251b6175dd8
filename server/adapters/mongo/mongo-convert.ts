/**
 * Conversions between port records and MongoDB documents. Lean reads return BSON Binary
 * for byte fields (not Buffer), so every read goes through toBytes.
 */
import mongoose from 'mongoose';
import type { Bytes, Json } from '../../ports/store.port';

/** What a byte field may hold when it comes back from a lean query or was just written. */
export type StoredBytes = Buffer | Uint8Array | mongoose.mongo.Binary;

function isBinary(value: unknown): value is mongoose.mongo.Binary {
  // Duck-typed as well: a second copy of the bson package would fail instanceof.
  return value instanceof mongoose.mongo.Binary || (typeof value === 'object' && value !== null && (value as { _bsontype?: unknown })._bsontype === 'Binary');
}

/**
 * Always a copy of exact size: a deserialized Binary may be a view into the whole server
 * reply, and a caller reading `.buffer` must never reach the bytes of other documents.
 */
export function toBytes(value: StoredBytes): Bytes {
  return new Uint8Array(isBinary(value) ? value.value() : value);
}
export const toBytesOrNull = (value: StoredBytes | null | undefined): Bytes | null => (value === null || value === undefined ? null : toBytes(value));

/** Writes take Buffers: the driver stores them as BSON binary (subtype 0). */
export const toBuffer = (value: Bytes): Buffer => Buffer.from(value.buffer, value.byteOffset, value.byteLength);
export const toBufferOrNull = (value: Bytes | null): Buffer | null => (value === null ? null : toBuffer(value));

/** Mixed fields hold only Json this store wrote; a missing one (never written) reads as null. */
export const toJson = (value: unknown): Json => (value === undefined ? null : (value as Json));
export const orNull = <T>(value: T | null | undefined): T | null => (value === undefined ? null : value);

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Drops keys whose value is undefined, as a patch built from optional fields may carry them. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
