/**
 * Opening the SQLite file and the conversions every repository shares: dates are integer
 * milliseconds, bytes are BLOBs, JSON is TEXT.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../logger';
import type { Bytes, Json } from '../../ports/store.port';
import { runMigrations } from './migrations';

export type Db = Database.Database;

/**
 * Every write transaction of the store: BEGIN IMMEDIATE takes the write lock before the first
 * read, so a writer waits out the busy timeout while another process writes. A deferred
 * transaction that read first cannot wait: once another process committed, its snapshot is
 * stale and SQLite fails it at once with SQLITE_BUSY. Nested calls become savepoints.
 */
export function writeTransaction<A extends unknown[], R>(db: Db, fn: (...args: A) => R): (...args: A) => R {
  return db.transaction(fn).immediate;
}

/** How long a writer waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(file: string, logger: Logger): Db {
  if (file !== ':memory:') {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
    // SQLite gives the -wal and -shm files the database file's mode, so creating it 0600
    // keeps all three private even in a data folder (a volume) that others can list.
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  }
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL lets the API process read while a runner (or another process) writes; NORMAL is
    // durable across application crashes in WAL mode and loses at most the last commits
    // on a power cut, which the outbox's retries absorb.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    runMigrations(db, logger);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export const ms = (date: Date): number => date.getTime();
export const msOrNull = (date: Date | null): number | null => (date === null ? null : date.getTime());
export const date = (value: number): Date => new Date(value);
export const dateOrNull = (value: number | null): Date | null => (value === null ? null : new Date(value));

/** A view, not a copy: callers get the Bytes type the port promises. */
export function bytes(value: Buffer): Bytes {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
export const bytesOrNull = (value: Buffer | null): Bytes | null => (value === null ? null : bytes(value));
export function blob(value: Bytes): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}
export const blobOrNull = (value: Bytes | null): Buffer | null => (value === null ? null : blob(value));

export const json = (value: Json): string => JSON.stringify(value);
export const parseJson = (text: string): Json => JSON.parse(text) as Json;
export const jsonOrNull = (value: Json | null): string | null => (value === null ? null : JSON.stringify(value));
export const parseJsonOrNull = (text: string | null): Json | null => (text === null ? null : parseJson(text));

export function parseStrings(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export const bool = (value: number): boolean => value !== 0;
export const flag = (value: boolean): number => (value ? 1 : 0);
