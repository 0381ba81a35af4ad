import crypto from 'node:crypto';
import { DomainError, invalid } from '../../../shared/errors.ts';
import { incidentProblem, type Outcome } from '../../../shared/incidents.ts';
import type { MethodTemplateBody } from '../../../shared/method-template.ts';
import { inTx, type Db } from '../../db/database.ts';
import type { Ctx } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { anonymousActor, boundingBox, categorySet, currentCategorySet, distanceMetres, minorOf, reportIncident } from '../incidents/index.ts';
import { pinnedTemplate } from '../methods/index.ts';
import {
  COMMUNITY_RADIUS_M, COMPOUND_ATTRIBUTE, DEFAULT_WINDOW_DAYS, definitionOf, MAX_LIST, NEAR_COMPOUND_M, nearest, OPEN311_REQUESTS_PER_HOUR, personName,
  caseNotice, redact, requestStatus, serviceNotice, servicesOf, statusNotes, updateStatus, updateText,
  type Lang, type Open311Definition, type Open311Request, type Open311Service, type Open311Update,
} from './open311.ts';
import * as repo from './open311.repository.ts';
import { newId } from '../../../shared/ids.ts';

// Public use cases behind /open311/v2: nobody signs in. Requests become incidents through reportIncident (channel
// 'resident'); answers are built from the incident's public columns and its timeline's events and stages only.

/** What the public use cases need. */
export type Open311Deps = Pick<AppDeps, 'db' | 'keys' | 'clock' | 'config'>;

/** A POSTed service request (the spec's fields, plus our client_id). */
export interface Open311Submission {
  service_code: string;
  api_key?: string;
  jurisdiction_id?: string;
  lat?: number;
  long?: number;
  address_string?: string;
  address_id?: string;
  attribute?: Record<string, string>;
  description?: string;
  media_url?: string;
  email?: string;
  device_id?: string;
  account_id?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  /** Our extension: a client-generated UUID; a resend with the same one answers the first request and creates nothing. */
  client_id?: string;
}

/** The POST answer's one element. */
export interface Open311Receipt {
  service_request_id: string;
  service_notice: string | null;
  account_id: null;
}

const digest = (s: string) => crypto.createHash('sha256').update(s).digest();

/** Whether the request carries one of the configured keys (compared in constant time). */
export function keyed(config: Open311Deps['config'], apiKey: string | undefined): boolean {
  if (!apiKey) return false;
  const given = digest(apiKey);
  return config.open311ApiKeys.some((k) => crypto.timingSafeEqual(digest(k), given));
}

async function templateOf(db: Db, id: string | null): Promise<MethodTemplateBody | null> {
  return id ? (await pinnedTemplate(db, id))?.body ?? null : null;
}

const stageName = (t: MethodTemplateBody | null, key: string) => t?.stages.find((s) => s.key === key)?.name ?? { zh: key, en: key };
const eventName = (t: MethodTemplateBody | null, event: string) => t?.transitions.find((x) => x.event === event)?.name ?? null;

/** The services: every 小类 of the current category version. */
export async function listServices(db: Db, lang: Lang): Promise<Open311Service[]> {
  return servicesOf((await currentCategorySet(db)).categories, lang);
}

/** One service's definition; NOT_FOUND for a code that is no 小类 of the current version. */
export async function serviceDefinition(db: Db, code: string, lang: Lang): Promise<Open311Definition> {
  if (!minorOf((await currentCategorySet(db)).categories, code)) throw new DomainError('NOT_FOUND');
  return definitionOf(code, lang);
}

/**
 * Where a request lies: the compound it names (attribute or address_id); else the compound within NEAR_COMPOUND_M of its
 * point, or the community of the nearest compound within COMMUNITY_RADIUS_M; else the one compound its address names.
 */
async function placeOf(db: Db, s: Open311Submission): Promise<{ compoundId: string | null; communityId: string | null }> {
  const named = s.attribute?.[COMPOUND_ATTRIBUTE]?.trim() || s.address_id?.trim();
  if (named) return { compoundId: named, communityId: null };
  if (s.lat !== undefined && s.long !== undefined) {
    const point = { lat: s.lat, lng: s.long };
    const near = nearest(point, await repo.compoundsInBox(db, boundingBox(s.lat, s.long, COMMUNITY_RADIUS_M)), COMMUNITY_RADIUS_M, distanceMetres);
    if (!near) throw new DomainError('OPEN311_LOCATION_OUTSIDE', { radius: COMMUNITY_RADIUS_M });
    return near.metres <= NEAR_COMPOUND_M ? { compoundId: near.item.id, communityId: null } : { compoundId: null, communityId: near.item.communityId };
  }
  const ids = s.address_string?.trim() ? await repo.compoundsNamedIn(db, s.address_string.trim()) : [];
  if (ids.length === 1) return { compoundId: ids[0], communityId: null };
  if (ids.length > 1) throw new DomainError('OPEN311_ADDRESS_AMBIGUOUS', { count: ids.length });
  throw new DomainError('OPEN311_LOCATION_REQUIRED');
}

async function receipt(db: Db, r: { id: string; categorySetId: string; categoryCode: string; caseNo: string | null }, lang: Lang): Promise<Open311Receipt> {
  const minor = minorOf((await categorySet(db, r.categorySetId)).categories, r.categoryCode);
  return { service_request_id: r.id, service_notice: minor ? serviceNotice(minor.name, minor.deadline, lang, r.caseNo) : caseNotice(r.caseNo, lang), account_id: null };
}

/**
 * Takes a service request: checks the api_key when keys are configured, limits unkeyed networks to
 * OPEN311_REQUESTS_PER_HOUR, places it, and reports it as a resident's incident with its Open311 row in one transaction.
 * The reporter's name and phone are stored encrypted by the incidents module; the email is not stored. A resend with
 * the same client_id answers the first request (created false). The reporter secret is derived from the client_id,
 * never returned, so only a resend can see the incident it made.
 */
export async function submitRequest(deps: Open311Deps, s: Open311Submission, call: { ip: string; lang: Lang }): Promise<{ created: boolean; receipt: Open311Receipt }> {
  const { db } = deps;
  const hasKey = keyed(deps.config, s.api_key);
  if (deps.config.open311ApiKeys.length && !hasKey) throw new DomainError('OPEN311_API_KEY_INVALID');
  const id = s.client_id?.toLowerCase() ?? newId();
  const before = await repo.findRequest(db, id);
  if (before) return { created: false, receipt: await receipt(db, before, call.lang) };
  if ((s.lat === undefined) !== (s.long === undefined)) throw invalid([incidentProblem('lat', 'LOCATION_PAIR')]);
  const now = deps.clock.now();
  const network = hasKey ? null : deps.keys.blindIndex('open311-ip', call.ip);
  if (network && (await repo.countFromNetwork(db, network, new Date(now.getTime() - 3600_000).toISOString())) >= OPEN311_REQUESTS_PER_HOUR) {
    throw new DomainError('OPEN311_RATE_LIMITED', { max: OPEN311_REQUESTS_PER_HOUR });
  }
  const place = await placeOf(db, s);
  const minor = minorOf((await currentCategorySet(db)).categories, s.service_code);
  const ctx: Ctx = { actor: anonymousActor(call.ip), keys: deps.keys, clock: deps.clock };
  try {
    return await inTx(db, async (tx) => {
      const r = await reportIncident(tx, ctx, {
        id, categoryCode: s.service_code, description: s.description?.trim() || minor?.name.zh || s.service_code, ...place,
        lat: s.lat ?? null, lng: s.long ?? null, address: s.address_string?.trim() || null, sourceChannel: 'resident',
        reporterName: personName(s.first_name, s.last_name), reporterPhone: s.phone?.trim() || null,
      }, { reporterSecret: s.client_id ? deps.keys.blindIndex('open311-reporter', id) : undefined });
      await repo.insertRequest(tx, { incidentId: id, mediaUrl: s.media_url ?? null, jurisdictionId: s.jurisdiction_id ?? null, networkHash: network, keyed: hasKey, at: now.toISOString() });
      return { created: r.created, receipt: { service_request_id: id, service_notice: minor ? serviceNotice(minor.name, minor.deadline, call.lang, r.incident.caseNo) : caseNotice(r.incident.caseNo, call.lang), account_id: null } };
    });
  } catch (e) {
    // The same request sent twice at once: the one that lost the race answers like a resend.
    const won = await repo.findRequest(db, id);
    if (won) return { created: false, receipt: await receipt(db, won, call.lang) };
    throw e;
  }
}

async function toRequest(db: Db, deps: Open311Deps, r: repo.RequestRow, lang: Lang): Promise<Open311Request> {
  const set = await categorySet(db, r.categorySetId);
  const t = await templateOf(db, r.templateId);
  const cat = set.categories.find((c) => c.code === r.categoryCode);
  return {
    service_request_id: r.id, status: requestStatus(r.endedAt), status_notes: statusNotes(stageName(t, r.stage), r.outcome as Outcome | null, r.duplicateOf, lang),
    service_name: cat?.name[lang] ?? r.categoryCode, service_code: r.categoryCode, description: redact(r.description),
    agency_responsible: r.handlerName, service_notice: caseNotice(r.caseNo, lang), requested_datetime: r.reportedAt, updated_datetime: r.updatedAt,
    expected_datetime: r.deadlineAt, address: r.address ? redact(r.address) : null, address_id: r.compoundId, zipcode: null, lat: r.lat, long: r.lng, media_url: r.mediaUrl,
  };
}

async function toUpdates(db: Db, deps: Open311Deps, rows: repo.UpdateRow[], lang: Lang): Promise<Open311Update[]> {
  const out: Open311Update[] = [];
  for (const u of rows) {
    const t = await templateOf(db, u.templateId);
    out.push({
      update_id: u.id, service_request_id: u.incidentId, status: updateStatus(u.toStage, u.event), updated_datetime: u.at,
      description: updateText(eventName(t, u.event), stageName(t, u.toStage), lang), media_url: null,
    });
  }
  return out;
}

/** One request with its status history (FixMyStreet's updates); NOT_FOUND unless it came in through Open311. */
export async function getRequest(db: Db, deps: Open311Deps, id: string, lang: Lang): Promise<Open311Request> {
  const r = await repo.findRequest(db, id.toLowerCase());
  if (!r) throw new DomainError('NOT_FOUND');
  return { ...(await toRequest(db, deps, r, lang)), updates: await toUpdates(db, deps, await repo.updatesOf(db, r.id), lang) };
}

/** The window of a list: end_date or now, back to start_date or DEFAULT_WINDOW_DAYS before the end. */
export function windowOf(now: Date, from: string | null, to: string | null): { from: string; to: string } {
  const end = to ?? now.toISOString();
  const start = from ?? new Date(Date.parse(end) - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString();
  if (start > end) throw new DomainError('BAD_REQUEST', { detail: 'start_date is after end_date / start_date 晚于 end_date' });
  return { from: start, to: end };
}

/** Requests submitted through Open311, newest first, at most MAX_LIST: by ids, or by service codes, period and status. */
export async function listRequests(db: Db, deps: Open311Deps, q: { ids: string[]; codes: string[]; from: string | null; to: string | null; status: ('open' | 'closed')[] }, lang: Lang): Promise<Open311Request[]> {
  const f: repo.RequestFilter = q.ids.length ? { ids: q.ids.map((i) => i.toLowerCase()) } : { codes: q.codes, ...windowOf(deps.clock.now(), q.from, q.to), status: q.status };
  const rows = await repo.listRequests(db, f, MAX_LIST);
  const out: Open311Request[] = [];
  for (const r of rows) out.push(await toRequest(db, deps, r, lang));
  return out;
}

/** FixMyStreet's service request updates: every status change of Open311 requests in the window, oldest first, at most MAX_LIST. */
export async function listUpdates(db: Db, deps: Open311Deps, q: { from: string | null; to: string | null }, lang: Lang): Promise<{ service_request_updates: Open311Update[] }> {
  const w = windowOf(deps.clock.now(), q.from, q.to);
  return { service_request_updates: await toUpdates(db, deps, await repo.updatesBetween(db, w.from, w.to, MAX_LIST), lang) };
}
