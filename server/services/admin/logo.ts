/**
 * The organisation's logo: uploaded by an administrator, kept in the store's settings (at
 * most 256 KiB, so no blob store is needed) and served from the installation itself, never
 * from a third party. The type is decided by the file's first bytes, not by what the
 * browser claims, and only raster formats are accepted: an SVG can carry script.
 */
import type { Json, Store } from '../../ports/store.port';
import { LogoInvalid, LogoNotFound } from './admin-errors';

export const LOGO_KEY = 'logo';
export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

const startsWith = (bytes: Uint8Array, prefix: number[], offset = 0): boolean => prefix.every((b, i) => bytes[offset + i] === b);

/** PNG signature, JPEG SOI + marker, RIFF....WEBP */
export function sniffImage(bytes: Uint8Array): LogoType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export interface Logo {
  type: LogoType;
  bytes: Buffer;
}

/** Checks an upload; the declared Content-Type must be one of the accepted ones and match the bytes. */
export function checkLogo(declared: string | undefined, bytes: Buffer): Logo {
  const type = (declared ?? '').split(';')[0]?.trim().toLowerCase();
  if (!LOGO_TYPES.includes(type as LogoType)) throw LogoInvalid(415, 'type');
  if (bytes.length === 0) throw LogoInvalid(400, 'empty');
  if (bytes.length > LOGO_MAX_BYTES) throw LogoInvalid(400, 'size');
  const sniffed = sniffImage(bytes);
  if (sniffed === null || sniffed !== type) throw LogoInvalid(400, 'content');
  return { type: sniffed, bytes };
}

export async function saveLogo(deps: { store: Pick<Store, 'settings'>; now: () => Date }, actorId: string, logo: Logo): Promise<void> {
  const value: Json = { type: logo.type, data: logo.bytes.toString('base64'), size: logo.bytes.length };
  await deps.store.settings.setAudited(LOGO_KEY, value, deps.now(), {
    actorId, action: 'logo.update', caseId: null, detail: { changed: ['logo'], type: logo.type, size: logo.bytes.length },
  });
}

export async function deleteLogo(deps: { store: Pick<Store, 'settings'>; now: () => Date }, actorId: string): Promise<void> {
  await deps.store.settings.setAudited(LOGO_KEY, null, deps.now(), { actorId, action: 'logo.delete', caseId: null, detail: { changed: ['logo'] } });
}

export async function readLogo(store: Pick<Store, 'settings'>): Promise<Logo | null> {
  const value = await store.settings.get(LOGO_KEY);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { type, data } = value;
  if (typeof data !== 'string' || !LOGO_TYPES.includes(type as LogoType)) return null;
  return { type: type as LogoType, bytes: Buffer.from(data, 'base64') };
}

export async function mustReadLogo(store: Pick<Store, 'settings'>): Promise<Logo> {
  const logo = await readLogo(store);
  if (!logo) throw LogoNotFound();
  return logo;
}
