import type { Bulletin } from '../../../shared/deliberation.ts';
import { makePublicT, publicLang } from './i18n.tsx';

// The public (no-account) endpoints, with a fetch of their own: the console's API client brings the console's whole
// string catalogue and its sign-in redirects, neither of which a resident without an account needs.

const enc = encodeURIComponent;

/** One problem with one field of a refused request, in the page's language. */
export interface PublicFieldError {
  field: string;
  code: string;
  message: string;
}

/** A failed call: HTTP status (0 when no answer came), the server's code and a message in the page's language. */
export class PublicApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: PublicFieldError[] = [],
  ) {
    super(message);
    this.name = 'PublicApiError';
  }
}

type Texts = { message?: string; zh?: string; en?: string };
type WireError = Texts & { code?: string; fields?: (Texts & { field: string; code: string })[] };

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const lang = publicLang();
  const t = makePublicT(lang);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { accept: 'application/json', 'accept-language': lang, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      credentials: 'same-origin',
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new PublicApiError(0, 'NETWORK', t('public.error.network'));
  }
  let data: unknown = null;
  try {
    const text = await res.text();
    data = text ? JSON.parse(text) : null;
  } catch {
    // an answer cut off on the way, or a proxy's HTML error page: judged by the status below
    if (res.ok) throw new PublicApiError(0, 'NETWORK', t('public.error.network'));
  }
  if (res.ok) return data as T;
  const e = (data as { error?: WireError } | null)?.error;
  if (!e || typeof e.code !== 'string') throw new PublicApiError(res.status, `HTTP_${res.status}`, t('public.error.http', { status: res.status }));
  const pick = (x: Texts) => (lang === 'en' ? x.en : x.zh) ?? x.message ?? '';
  const fields = (e.fields ?? []).map((f) => ({ field: f.field, code: f.code, message: pick(f) }));
  throw new PublicApiError(res.status, e.code, pick(e) || e.code, fields);
}

/** A compound as the public pages name it. */
export type PublicCompound = Bulletin['compound'];

/** The compound's name and place, for the opinion form's header. */
export function getPublicCompound(id: string): Promise<PublicCompound> {
  return call('GET', `/api/public/compounds/${enc(id)}`);
}

/** The compound's bulletin: decided matters and this month's counts, without personal data. */
export function getBulletin(id: string): Promise<Bulletin> {
  return call('GET', `/api/public/compounds/${enc(id)}/bulletin`);
}

/** What a resident sends with the opinion form; `id` is made once per draft so a resend never duplicates. */
export interface OpinionInput {
  id: string;
  content: string;
  category?: string;
  name?: string;
  phone?: string;
}

/** Sends a resident opinion; a resend with the same id answers the first receipt. */
export function sendOpinion(compoundId: string, body: OpinionInput): Promise<{ id: string; receivedAt: string }> {
  return call('POST', `/api/public/compounds/${enc(compoundId)}/opinions`, body);
}

/** Sends a resident's 1–5 satisfaction for a decided and executed matter. */
export function rateMatter(matterId: string, body: { id: string; satisfaction: number; comment?: string }): Promise<unknown> {
  return call('POST', `/api/public/matters/${enc(matterId)}/rating`, body);
}

/** The address of the bulletin's QR code image (an SVG pointing at /p/<compoundId>). */
export function qrUrl(compoundId: string): string {
  return `/api/public/compounds/${enc(compoundId)}/bulletin/qr.svg`;
}

/** Whether an error is worth a resend later (no answer, or the server failed) rather than a refusal to show. */
export function isTransient(e: unknown): boolean {
  const status = (e as { status?: number } | null)?.status;
  return status === undefined || status === 0 || status >= 500;
}
