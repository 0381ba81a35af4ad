import { sql } from 'kysely';
import { isPostgres, type Db } from '../../db/database.ts';

/** What an Open311 request answer is built from: the incident's public columns and the request's own row. */
export interface RequestRow {
  id: string;
  caseNo: string | null;
  categorySetId: string;
  categoryCode: string;
  templateId: string | null;
  stage: string;
  outcome: string | null;
  duplicateOf: string | null;
  description: string;
  address: string | null;
  compoundId: string | null;
  lat: number | null;
  lng: number | null;
  handlerName: string | null;
  deadlineAt: string | null;
  reportedAt: string;
  updatedAt: string;
  endedAt: string | null;
  mediaUrl: string | null;
}

/** One timeline entry of an Open311 request: the event and where it led, nothing about who or why. */
export interface UpdateRow {
  id: string;
  incidentId: string;
  templateId: string | null;
  event: string;
  toStage: string;
  at: string;
}

/** Filters of GET requests. */
export interface RequestFilter {
  ids?: string[];
  codes?: string[];
  from?: string;
  to?: string;
  status?: ('open' | 'closed')[];
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Records what an Open311 request carries beyond its incident; a resend leaves the first row as it is. */
export async function insertRequest(db: Db, r: { incidentId: string; mediaUrl: string | null; jurisdictionId: string | null; networkHash: string | null; keyed: boolean; at: string }): Promise<void> {
  await db.insertInto('open311_request').values({
    incident_id: r.incidentId, media_url: r.mediaUrl, jurisdiction_id: r.jurisdictionId, network_hash: r.networkHash, keyed: r.keyed ? 1 : 0, created_at: r.at,
  }).onConflict((oc) => oc.column('incident_id').doNothing()).execute();
}

/** Requests sent from one network since an instant. */
export async function countFromNetwork(db: Db, networkHash: string, since: string): Promise<number> {
  const r = await db.selectFrom('open311_request').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_hash', '=', networkHash).where('created_at', '>=', since).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Compounds whose registered point lies in a box: candidates for the nearest one. */
export async function compoundsInBox(db: Db, b: { minLat: number; maxLat: number; minLng: number; maxLng: number }): Promise<{ id: string; communityId: string; lat: number; lng: number }[]> {
  const rows = await db.selectFrom('compound').select(['id', 'community_id', 'lat', 'lng'])
    .where('lat', '>=', b.minLat).where('lat', '<=', b.maxLat).where('lng', '>=', b.minLng).where('lng', '<=', b.maxLng).limit(5000).execute();
  return rows.map((r) => ({ id: r.id, communityId: r.community_id, lat: Number(r.lat), lng: Number(r.lng) }));
}

/** Compounds whose name (two characters or more) appears in an address; at most a few. */
export async function compoundsNamedIn(db: Db, address: string): Promise<string[]> {
  const contains = isPostgres(db) ? sql<boolean>`strpos(${address}, compound.name) > 0` : sql<boolean>`instr(${address}, compound.name) > 0`;
  const rows = await db.selectFrom('compound').select('id').where(sql<boolean>`length(compound.name) >= 2`).where(contains).limit(5).execute();
  return rows.map((r) => r.id);
}

function requestQuery(db: Db) {
  return db.selectFrom('open311_request as o').innerJoin('incident as i', 'i.id', 'o.incident_id').select([
    'i.id', 'i.case_no', 'i.category_set_id', 'i.category_code', 'i.template_id', 'i.stage', 'i.outcome', 'i.duplicate_of', 'i.description', 'i.address',
    'i.compound_id', 'i.lat', 'i.lng', 'i.handler_name', 'i.deadline_at', 'i.reported_at', 'i.updated_at', 'i.ended_at', 'o.media_url',
  ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof requestQuery>['execute']>>[number];

function toRow(r: Raw): RequestRow {
  return {
    id: r.id, caseNo: r.case_no, categorySetId: r.category_set_id, categoryCode: r.category_code, templateId: r.template_id, stage: r.stage, outcome: r.outcome,
    duplicateOf: r.duplicate_of, description: r.description, address: r.address, compoundId: r.compound_id, lat: num(r.lat), lng: num(r.lng),
    handlerName: r.handler_name, deadlineAt: r.deadline_at, reportedAt: r.reported_at, updatedAt: r.updated_at, endedAt: r.ended_at, mediaUrl: r.media_url,
  };
}

/** One Open311 request by its incident id. */
export async function findRequest(db: Db, id: string): Promise<RequestRow | null> {
  const r = await requestQuery(db).where('i.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : null;
}

/** Open311 requests, newest first: by ids (which override the other filters, as the spec says), else by code, period and status. */
export async function listRequests(db: Db, f: RequestFilter, limit: number): Promise<RequestRow[]> {
  let q = requestQuery(db);
  if (f.ids) q = q.where('i.id', 'in', f.ids.length ? f.ids : ['']);
  else {
    if (f.codes?.length) q = q.where('i.category_code', 'in', f.codes);
    if (f.from) q = q.where('i.reported_at', '>=', f.from);
    if (f.to) q = q.where('i.reported_at', '<=', f.to);
    if (f.status?.length === 1) q = q.where('i.ended_at', f.status[0] === 'open' ? 'is' : 'is not', null);
  }
  return (await q.orderBy('i.reported_at', 'desc').orderBy('i.id').limit(limit).execute()).map(toRow);
}

function updateQuery(db: Db) {
  return db.selectFrom('open311_request as o').innerJoin('incident as i', 'i.id', 'o.incident_id')
    .innerJoin('method_event as e', 'e.instance_id', 'i.instance_id')
    // The instance's start is bookkeeping; the report is the first thing that happened.
    .where('e.event', '<>', 'start')
    .select(['e.id', 'i.id as incident_id', 'i.template_id', 'e.event', 'e.to_stage', 'e.at', 'e.seq']);
}

/** The timeline of one Open311 request, oldest first. */
export async function updatesOf(db: Db, incidentId: string): Promise<UpdateRow[]> {
  const rows = await updateQuery(db).where('i.id', '=', incidentId).orderBy('e.seq').execute();
  return rows.map((r) => ({ id: r.id, incidentId: r.incident_id, templateId: r.template_id, event: r.event, toStage: r.to_stage, at: r.at }));
}

/** Timeline entries of all Open311 requests in a period, oldest first. */
export async function updatesBetween(db: Db, from: string, to: string, limit: number): Promise<UpdateRow[]> {
  const rows = await updateQuery(db).where('e.at', '>=', from).where('e.at', '<=', to).orderBy('e.at').orderBy('i.id').orderBy('e.seq').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, incidentId: r.incident_id, templateId: r.template_id, event: r.event, toStage: r.to_stage, at: r.at }));
}
