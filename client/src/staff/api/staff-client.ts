/**
 * How the staff pages call the API: through the app's one HTTP module, with the bearer
 * token held in memory by the session and the request-forgery header the server requires
 * on every state-changing request (server/middleware/staff-auth.ts). Each answer tells the
 * session that the server has just seen it (its idle clock restarted); an answer saying the
 * session is gone ends it here too.
 */
import { CSRF_HEADER } from '../../../../shared/api/staff.schema';
import { ApiFailure, requestBytes, requestJson } from '../../api/http';

export const STAFF_API = '/api/v1';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const SESSION_GONE = new Set(['unauthenticated', 'session_invalid', 'session_expired']);

export function isSessionGone(err: unknown): boolean {
  return err instanceof ApiFailure && SESSION_GONE.has(err.id);
}

function headersFor(method: Method): Record<string, string> {
  return method === 'GET' ? {} : { [CSRF_HEADER]: '1' };
}

/** A call made before sign-in: setup, activation, sign-in and recovery. */
export function anonymous<T>(method: Method, path: string, json?: unknown): Promise<T> {
  return requestJson<T>(method, `${STAFF_API}${path}`, { json, headers: headersFor(method) });
}

export interface SessionHooks {
  token(): string | null;
  /** the server answered: its idle timer restarted */
  seen(): void;
  /** the server no longer knows the session */
  lost(): void;
}

export interface StaffClient {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  send<T>(method: Exclude<Method, 'GET'>, path: string, json?: unknown): Promise<T>;
  bytes(path: string): Promise<Uint8Array>;
  /** a raw body of the file's own type (the administrator's logo), not JSON */
  upload<T>(method: 'PUT' | 'POST', path: string, file: Blob): Promise<T>;
}

export function createStaffClient(hooks: SessionHooks): StaffClient {
  async function track<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = hooks.token();
    if (token === null) throw new ApiFailure('unauthenticated', 401, 'Not signed in.');
    try {
      const result = await call(token);
      hooks.seen();
      return result;
    } catch (err) {
      if (isSessionGone(err)) hooks.lost();
      throw err;
    }
  }
  return {
    get: <T>(path: string, signal?: AbortSignal) => track((token) => requestJson<T>('GET', `${STAFF_API}${path}`, { token, signal })),
    send: <T>(method: Exclude<Method, 'GET'>, path: string, json?: unknown) =>
      track((token) => requestJson<T>(method, `${STAFF_API}${path}`, { token, json: json ?? {}, headers: headersFor(method) })),
    bytes: (path: string) => track((token) => requestBytes('GET', `${STAFF_API}${path}`, { token })),
    upload: async <T>(method: 'PUT' | 'POST', path: string, file: Blob) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const headers = { ...headersFor(method), 'Content-Type': file.type || 'application/octet-stream' };
      return track((token) => requestJson<T>(method, `${STAFF_API}${path}`, { token, bytes, headers }));
    },
  };
}

/** Query strings without empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const enc = encodeURIComponent;
