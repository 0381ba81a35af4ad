import { currentLang, translate } from '../i18n/core.ts';

/** One problem with one input field, in the current UI language. */
export interface FieldError {
  /** JSON path of the field, e.g. `displayName` or `rows.3.phone`. */
  field: string;
  code: string;
  message: string;
}

/** A failed API call: HTTP status, the server's stable code and a message in the current UI language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** True when `e` is an ApiError with one of the codes. */
export function isApiError(e: unknown, ...codes: string[]): e is ApiError {
  return e instanceof ApiError && (codes.length === 0 || codes.includes(e.code));
}

/** What the app does when the server says the session is gone or a password change is due. */
export interface AuthHandlers {
  onSignedOut(code: 'SESSION_EXPIRED' | 'UNAUTHENTICATED'): void;
  onPasswordChangeRequired(): void;
}

let csrfToken: string | null = null;
let handlers: AuthHandlers | null = null;

/** Remembers the CSRF token from login or /api/auth/me; sent on every unsafe request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Installs the navigation callbacks (set once by the auth provider inside the router). */
export function setAuthHandlers(h: AuthHandlers | null): void {
  handlers = h;
}

/** Query values; undefined, null and '' are left out. */
export type Query = Record<string, string | number | boolean | undefined | null>;

/** Options of one request. */
export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not redirect on 401/403-password (login form, the start-up session probe). */
  noAuthRedirect?: boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds `/api/x?a=1` from a path and a query, skipping empty values. */
export function urlOf(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

interface WireError {
  code?: string;
  message?: string;
  zh?: string;
  en?: string;
  fields?: { field: string; code: string; message?: string; zh?: string; en?: string }[];
  details?: Record<string, unknown>;
}

/** Turns an error answer into an ApiError, choosing the zh or en text for the current UI language. */
export function toApiError(status: number, body: unknown): ApiError {
  const en = currentLang() === 'en';
  const e = (body as { error?: WireError } | null)?.error;
  if (!e || typeof e.code !== 'string') {
    return new ApiError(status, `HTTP_${status}`, translate('error.http', { status }));
  }
  const pick = (x: { message?: string; zh?: string; en?: string }) => (en ? x.en : x.zh) ?? x.message ?? '';
  const fields = (e.fields ?? []).map((f) => ({ field: f.field, code: f.code, message: pick(f) }));
  return new ApiError(status, e.code, pick(e) || e.code, fields, e.details ?? {});
}

/** Calls the API: cookies included, CSRF header on unsafe methods, JSON in and out; throws ApiError. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLang() === 'en' ? 'en' : 'zh-CN' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(urlOf(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (res.ok) return data as T;
  const err = toApiError(res.status, data);
  if (!opts.noAuthRedirect && handlers) {
    if (res.status === 401 && (err.code === 'SESSION_EXPIRED' || err.code === 'UNAUTHENTICATED')) handlers.onSignedOut(err.code);
    else if (res.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') handlers.onPasswordChangeRequired();
  }
  throw err;
}

/** Shorthands for the HTTP methods. */
export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query'> = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PUT', path, { ...opts, body }),
  delete: <T>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
};

/** A list answer of the API. */
export interface Page<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

/** A client-generated UUID for idempotent creates (see id.ts). */
export { newId } from './id.ts';
