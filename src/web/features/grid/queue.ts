// The grid worker's outbox: every report is kept (photos as Blobs) under the client id it got when it was made, and sent
// when the signal allows. Photos go first and their attachment ids are written back, so a resend uploads nothing twice;
// then POST /api/incidents with the same client id, which the server answers 200 for a repeat. No React, no IndexedDB:
// the storage and the two calls are handed in, so the rules are tested in Node.
import type { I18nName } from '../../../shared/method-template.ts';
import { ApiError, type FieldError } from '../../api/client.ts';

/** One photo of a queued report; attachmentId is set once its upload succeeded. */
export interface QueuedPhoto {
  key: string;
  blob: Blob;
  name: string;
  attachmentId?: string;
}

/** What the worker filled in, besides the photos. */
export interface ReportFields {
  categoryCode: string;
  categoryName: I18nName;
  description: string;
  compoundId: string | null;
  compoundName: string | null;
  /** The worker's grid, sent only when no compound is chosen (so the server knows the community). */
  gridId: string | null;
  lat: number | null;
  lng: number | null;
  accuracy: number | null;
  address: string | null;
  /** 自行处置: what was done on the spot (its photos are `afterPhotos`). */
  selfHandledResult: string | null;
}

/** waiting: will be sent; needs_fix: the server refused it (4xx) and the worker must change it. */
export type QueueState = 'waiting' | 'needs_fix';

/** A report in the outbox. `id` is the client id, made once when the report was made and reused by every send. */
export interface QueuedReport {
  id: string;
  userId: string;
  createdAt: string;
  fields: ReportFields;
  photos: QueuedPhoto[];
  afterPhotos: QueuedPhoto[];
  state: QueueState;
  attempts: number;
  /** Epoch ms before which no automatic retry is made. */
  nextAt: number;
  lastError: { code: string; message: string; fields: FieldError[] } | null;
}

/** What sending needs from the outside world. */
export interface SendIo {
  upload(photo: QueuedPhoto): Promise<string>;
  post(body: IncidentBody): Promise<{ id: string; stageName: I18nName }>;
  /** Persists the item after each step (a recorded attachment id survives a closed tab). */
  save(item: QueuedReport): Promise<void>;
  now(): number;
}

/**
 * The body of POST /api/incidents a queued report turns into. Empty fields are left out rather than sent as null: the
 * server's schema coerces types, and a null latitude would arrive as 0.
 */
export interface IncidentBody {
  id: string;
  categoryCode: string;
  description: string;
  compoundId?: string;
  gridId?: string;
  lat?: number;
  lng?: number;
  address?: string;
  photos: string[];
  sourceChannel: 'patrol';
  selfHandled?: { result: string; photos: string[] };
}

/** How one send ended: sent (drop it), retry later (network, 5xx, session), or needs_fix (shown to the worker). */
export type SendOutcome =
  | { kind: 'sent'; incidentId: string; stageName: I18nName }
  | { kind: 'retry'; item: QueuedReport }
  | { kind: 'needs_fix'; item: QueuedReport };

/** Retry delay after the n-th failed attempt: 2 s, 4 s, 8 s … at most a minute. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000, 2000 * 2 ** Math.max(0, attempts - 1));
}

/** Whether a failure is the network's or the server's passing trouble (try again) rather than a problem with the report. */
export function isTransient(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true;
  return e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429 || e.status === 401;
}

/** The request body of a queued report, once every photo has its attachment id. */
export function bodyOf(item: QueuedReport): IncidentBody {
  const f = item.fields;
  const ids = (ps: QueuedPhoto[]) => ps.map((p) => p.attachmentId!).filter(Boolean);
  const body: IncidentBody = { id: item.id, categoryCode: f.categoryCode, description: f.description, photos: ids(item.photos), sourceChannel: 'patrol' };
  if (f.compoundId) body.compoundId = f.compoundId;
  else if (f.gridId) body.gridId = f.gridId;
  if (f.lat !== null && f.lng !== null) Object.assign(body, { lat: f.lat, lng: f.lng });
  if (f.address) body.address = f.address;
  if (f.selfHandledResult) body.selfHandled = { result: f.selfHandledResult, photos: ids(item.afterPhotos) };
  return body;
}

const forgetUploads = (ps: QueuedPhoto[]) => ps.map(({ attachmentId: _a, ...p }) => p);

function failed(item: QueuedReport, e: unknown, now: number): SendOutcome {
  const err = e instanceof ApiError ? { code: e.code, message: e.message, fields: e.fields } : { code: 'NETWORK', message: String((e as Error)?.message ?? e), fields: [] };
  if (isTransient(e)) {
    const attempts = item.attempts + 1;
    return { kind: 'retry', item: { ...item, attempts, nextAt: now + backoffMs(attempts), lastError: err } };
  }
  return { kind: 'needs_fix', item: { ...item, state: 'needs_fix', lastError: err } };
}

/** The server no longer accepts the recorded photo ids (unknown, or taken by another case): upload them again. */
function photosRefused(e: unknown): boolean {
  return e instanceof ApiError && e.fields.length > 0 && e.fields.every((f) => f.code === 'INPUT_ATTACHMENT_UNKNOWN');
}

/**
 * Sends one queued report: uploads the photos still without an attachment id (saving the item after each), then posts the
 * incident with the report's client id. A refusal of stale photo ids uploads them once more; any other failure is either
 * transient (retry with backoff) or needs the worker (4xx).
 */
export async function sendQueued(item: QueuedReport, io: SendIo): Promise<SendOutcome> {
  let cur = item;
  for (let round = 0; round < 2; round++) {
    try {
      for (const list of ['photos', 'afterPhotos'] as const) {
        for (let i = 0; i < cur[list].length; i++) {
          if (cur[list][i].attachmentId) continue;
          const attachmentId = await io.upload(cur[list][i]);
          cur = { ...cur, [list]: cur[list].map((p, j) => (j === i ? { ...p, attachmentId } : p)) };
          await io.save(cur);
        }
      }
      const r = await io.post(bodyOf(cur));
      return { kind: 'sent', incidentId: r.id, stageName: r.stageName };
    } catch (e) {
      if (round === 0 && photosRefused(e)) {
        cur = { ...cur, photos: forgetUploads(cur.photos), afterPhotos: forgetUploads(cur.afterPhotos) };
        await io.save(cur);
        continue;
      }
      return failed(cur, e, io.now());
    }
  }
  return failed(cur, new ApiError(400, 'INPUT_ATTACHMENT_UNKNOWN', 'photos refused twice'), io.now());
}

/** The items to send now, oldest first: waiting ones whose retry time has come (all waiting ones when forced). */
export function dueItems(items: QueuedReport[], now: number, force = false): QueuedReport[] {
  return items.filter((i) => i.state === 'waiting' && (force || i.nextAt <= now)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** When the next automatic retry is due (epoch ms), or null when nothing waits. */
export function nextRetryAt(items: QueuedReport[]): number | null {
  const waiting = items.filter((i) => i.state === 'waiting').map((i) => i.nextAt);
  return waiting.length ? Math.min(...waiting) : null;
}
