import { containsText, scopeCondition, type Db } from '../../db/database.ts';
import type { MatterCategory, OpinionChannel, OpinionStatus } from '../../../shared/deliberation.ts';

/** A stored opinion; name and phone stay sealed (ciphertext plus mask). */
export interface OpinionRecord {
  id: string;
  compoundId: string;
  compoundName: string;
  scopePath: string;
  content: string;
  category: MatterCategory;
  channel: OpinionChannel;
  proxy: boolean;
  residentId: string | null;
  nameEnc: string | null;
  nameMask: string | null;
  phoneEnc: string | null;
  phoneMask: string | null;
  status: OpinionStatus;
  matterId: string | null;
  answer: string | null;
  answeredAt: string | null;
  receivedAt: string;
  version: number;
  enteredBy: string | null;
}

const COLS = [
  'opinion.id', 'opinion.compound_id', 'opinion.scope_path', 'opinion.content', 'opinion.category', 'opinion.channel', 'opinion.proxy',
  'opinion.resident_id', 'opinion.name_enc', 'opinion.name_mask', 'opinion.phone_enc', 'opinion.phone_mask', 'opinion.status',
  'opinion.matter_id', 'opinion.answer', 'opinion.answered_at', 'opinion.received_at', 'opinion.version',
  'compound.name as compound_name', 'app_user.display_name as entered_by',
] as const;

type Row = {
  id: string; compound_id: string; scope_path: string; content: string; category: string; channel: string; proxy: number;
  resident_id: string | null; name_enc: string | null; name_mask: string | null; phone_enc: string | null; phone_mask: string | null;
  status: string; matter_id: string | null; answer: string | null; answered_at: string | null; received_at: string; version: number;
  compound_name: string; entered_by: string | null;
};

function toOpinion(r: Row): OpinionRecord {
  return {
    id: r.id, compoundId: r.compound_id, compoundName: r.compound_name, scopePath: r.scope_path, content: r.content,
    category: r.category as MatterCategory, channel: r.channel as OpinionChannel, proxy: Number(r.proxy) === 1, residentId: r.resident_id,
    nameEnc: r.name_enc, nameMask: r.name_mask, phoneEnc: r.phone_enc, phoneMask: r.phone_mask, status: r.status as OpinionStatus,
    matterId: r.matter_id, answer: r.answer, answeredAt: r.answered_at, receivedAt: r.received_at, version: Number(r.version),
    enteredBy: r.entered_by ?? null,
  };
}

function base(db: Db) {
  return db.selectFrom('opinion').innerJoin('compound', 'compound.id', 'opinion.compound_id').leftJoin('app_user', 'app_user.id', 'opinion.created_by');
}

/** One opinion; with scopes, one outside them is not found. */
export async function findOpinion(db: Db, id: string, scopes: readonly string[] | null): Promise<OpinionRecord | null> {
  let q = base(db).select(COLS).where('opinion.id', '=', id);
  if (scopes) q = q.where(scopeCondition('opinion.scope_path', scopes));
  const r = await q.executeTakeFirst();
  return r ? toOpinion(r as Row) : null;
}

/** Opinions by id (no scope: callers compare compound and scope). */
export async function opinionsByIds(db: Db, ids: readonly string[]): Promise<OpinionRecord[]> {
  if (ids.length === 0) return [];
  return (await base(db).select(COLS).where('opinion.id', 'in', [...new Set(ids)]).execute()).map((r) => toOpinion(r as Row));
}

/** The opinions a matter took up, oldest first. */
export async function opinionsOfMatter(db: Db, matterId: string): Promise<OpinionRecord[]> {
  const rows = await base(db).select(COLS).where('opinion.matter_id', '=', matterId).orderBy('opinion.received_at').orderBy('opinion.id').execute();
  return rows.map((r) => toOpinion(r as Row));
}

/** Filters of the opinion list. */
export interface OpinionFilter {
  underPath?: string;
  compoundId?: string;
  status?: string;
  channel?: string;
  category?: string;
  /** Received at or after this instant. */
  from?: string;
  /** Received before this instant. */
  to?: string;
  q?: string;
}

/** Opinions in scope, latest first. */
export async function listOpinions(db: Db, scopes: readonly string[], f: OpinionFilter, limit: number, offset: number): Promise<{ rows: OpinionRecord[]; total: number }> {
  let q = base(db).where(scopeCondition('opinion.scope_path', scopes));
  if (f.underPath) q = q.where(scopeCondition('opinion.scope_path', [f.underPath]));
  if (f.compoundId) q = q.where('opinion.compound_id', '=', f.compoundId);
  if (f.status) q = q.where('opinion.status', '=', f.status);
  if (f.channel) q = q.where('opinion.channel', '=', f.channel);
  if (f.category) q = q.where('opinion.category', '=', f.category);
  if (f.from) q = q.where('opinion.received_at', '>=', f.from);
  if (f.to) q = q.where('opinion.received_at', '<', f.to);
  if (f.q?.trim()) q = q.where(containsText('opinion.content', f.q.trim()));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select(COLS).orderBy('opinion.received_at', 'desc').orderBy('opinion.id').limit(limit).offset(offset).execute();
  return { total: Number(total.n), rows: rows.map((r) => toOpinion(r as Row)) };
}

/** A new opinion's columns; name and phone already sealed. */
export interface OpinionInsert {
  id: string; compoundId: string; scopePath: string; content: string; category: string; channel: string; proxy: boolean;
  residentId: string | null; name: { enc: string; mask: string } | null; phone: { enc: string; mask: string } | null;
  receivedAt: string; ipHash: string | null;
}

/** Inserts an opinion as received. */
export async function insertOpinion(db: Db, o: OpinionInsert, now: string, by: string | null): Promise<void> {
  await db.insertInto('opinion').values({
    id: o.id, compound_id: o.compoundId, scope_path: o.scopePath, content: o.content, category: o.category, channel: o.channel,
    proxy: o.proxy ? 1 : 0, resident_id: o.residentId, name_enc: o.name?.enc ?? null, name_mask: o.name?.mask ?? null,
    phone_enc: o.phone?.enc ?? null, phone_mask: o.phone?.mask ?? null, status: 'received', matter_id: null, answer: null,
    answered_at: null, answered_by: null, received_at: o.receivedAt, ip_hash: o.ipHash, created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** Records an answer with compare-and-set; returns rows changed (0 = stale). */
export async function answerOpinion(db: Db, id: string, a: { answer: string; status: OpinionStatus; by: string | null }, now: string, expectVersion: number): Promise<number> {
  const r = await db.updateTable('opinion').set((eb) => ({
    answer: a.answer, status: a.status, answered_at: now, answered_by: a.by, updated_at: now, version: eb('version', '+', 1),
  })).where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Marks opinions taken up into a matter, only those not yet taken up; returns rows changed. */
export async function takeUp(db: Db, ids: readonly string[], matterId: string, now: string): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db.updateTable('opinion').set((eb) => ({ status: 'taken_up', matter_id: matterId, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', 'in', [...ids]).where('status', '<>', 'taken_up').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Opinions a network sent to a compound since an instant (the public form's limit). */
export async function countFromNetwork(db: Db, compoundId: string, ipHash: string, since: string): Promise<number> {
  const r = await db.selectFrom('opinion').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip_hash', '=', ipHash).where('compound_id', '=', compoundId).where('received_at', '>=', since).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The sealed name and phone of an opinion, for an audited reveal. */
export async function findSealed(db: Db, id: string): Promise<{ nameEnc: string | null; phoneEnc: string | null } | null> {
  const r = await db.selectFrom('opinion').select(['name_enc', 'phone_enc']).where('id', '=', id).executeTakeFirst();
  return r ? { nameEnc: r.name_enc, phoneEnc: r.phone_enc } : null;
}

/** Whether a resident lives in the compound, with their name. */
export async function residentOf(db: Db, compoundId: string, residentId: string): Promise<{ name: string } | null> {
  const r = await db.selectFrom('resident').select('name').where('id', '=', residentId).where('compound_id', '=', compoundId).executeTakeFirst();
  return r ?? null;
}
