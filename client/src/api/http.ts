/**
 * The one place the app talks HTTP. Requests never carry cookies or a referrer and are
 * never cached; the reporter's session token is passed in by the caller from memory.
 * Every failure becomes an `ApiFailure` with the server's stable error id (or a local one
 * such as `network`), which the UI turns into a localized message.
 */
import type { ApiError } from '../../../shared/api/common.schema';

export class ApiFailure extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, string | number | boolean>,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface RequestOptions {
  json?: unknown;
  bytes?: Uint8Array;
  token?: string | null;
  signal?: AbortSignal;
  /** extra request headers, e.g. the staff API's request-forgery header */
  headers?: Record<string, string>;
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { id?: unknown }).id === 'string';
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.bytes) {
    // A caller may name the type (an uploaded logo is image/png, say); raw bytes otherwise.
    headers['Content-Type'] ??= 'application/octet-stream';
    // slice(): a view of exactly these bytes over a plain ArrayBuffer, as fetch requires.
    body = options.bytes.slice();
  }
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  try {
    return await fetch(path, {
      method,
      headers,
      body,
      signal: options.signal,
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiFailure('network', 0, 'The server could not be reached.');
  }
}

async function failure(response: Response): Promise<ApiFailure> {
  const payload: unknown = await response.json().catch(() => null);
  if (isApiError(payload)) return new ApiFailure(payload.error.id, response.status, payload.error.message, payload.error.details);
  if (response.status === 429) return new ApiFailure('rate_limited', 429, 'Too many requests.');
  return new ApiFailure(response.status >= 500 ? 'internal' : 'unknown', response.status, `HTTP ${response.status}`);
}

export async function requestJson<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiFailure('bad_response', response.status, 'The server sent an unreadable answer.');
  }
}

export async function requestBytes(method: string, path: string, options: RequestOptions = {}): Promise<Uint8Array> {
  const response = await send(method, path, options);
  if (!response.ok) throw await failure(response);
  return new Uint8Array(await response.arrayBuffer());
}

/** Whether retrying the same request later can succeed. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiFailure)) return false;
  // upload_aborted: the server saw our connection drop mid-part and kept nothing of it.
  return err.id === 'network' || err.id === 'upload_aborted' || err.id === 'rate_limited' || err.id === 'not_ready' || err.id === 'busy' || err.status >= 500;
}
