import { sql } from 'kysely';
import { scopeCondition, type Db } from '../../db/database.ts';
import type { PairingKind, PartnerKind } from '../../../shared/org-types.ts';
import type { Pairing } from './pairing.ts';

type PairingRow = {
  id: string; kind: string; partner_kind: string; partner_org_id: string | null; partner_person_id: string | null; partner_name: string;
  target_compound_id: string | null; target_region_id: string | null; scope_path: string; start_on: string | null; end_on: string | null;
  note: string | null; version: number; created_at: string; updated_at: string;
};

const COLS = ['pairing.id', 'pairing.kind', 'pairing.partner_kind', 'pairing.partner_org_id', 'pairing.partner_person_id', 'pairing.partner_name',
  'pairing.target_compound_id', 'pairing.target_region_id', 'pairing.scope_path', 'pairing.start_on', 'pairing.end_on', 'pairing.note',
  'pairing.version', 'pairing.created_at', 'pairing.updated_at'] as const;

function toPairing(r: PairingRow): Pairing {
  return {
    id: r.id, kind: r.kind as PairingKind, partnerKind: r.partner_kind as PartnerKind, partnerOrgId: r.partner_org_id, partnerPersonId: r.partner_person_id,
    partnerName: r.partner_name, targetCompoundId: r.target_compound_id, targetRegionId: r.target_region_id, scopePath: r.scope_path,
    startOn: r.start_on, endOn: r.end_on, note: r.note, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** A pairing with its target's name for lists. */
export interface PairingListRow extends Pairing {
  targetName: string | null;
}

/** Finds a pairing; with scopes, one outside them is not found. */
export async function findPairing(db: Db, id: string, scopes: readonly string[] | null): Promise<PairingListRow | null> {
  let q = db.selectFrom('pairing').leftJoin('compound', 'compound.id', 'pairing.target_compound_id').leftJoin('region', 'region.id', 'pairing.target_region_id')
    .select(COLS).select((eb) => eb.fn.coalesce('compound.name', 'region.name').as('target_name')).where('pairing.id', '=', id);
  if (scopes) q = q.where(scopeCondition('pairing.scope_path', scopes));
  const r = await q.executeTakeFirst();
  return r ? { ...toPairing(r as PairingRow), targetName: r.target_name ?? null } : null;
}

/** Filters for the pairing list. */
export interface PairingFilter {
  compoundId?: string;
  underPath?: string;
  kind?: string;
  /** Only pairings in force on this day. */
  activeOn?: string;
  /** Only pairings not in force on this day (ended or not yet started). */
  inactiveOn?: string;
}

function filtered(db: Db, scopes: readonly string[], f: PairingFilter) {
  let q = db.selectFrom('pairing').where(scopeCondition('pairing.scope_path', scopes));
  if (f.compoundId) q = q.where('pairing.target_compound_id', '=', f.compoundId);
  if (f.underPath) q = q.where(scopeCondition('pairing.scope_path', [f.underPath]));
  if (f.kind) q = q.where('pairing.kind', '=', f.kind);
  if (f.activeOn) {
    const d = f.activeOn;
    q = q.where((eb) => eb.and([
      eb.or([eb('pairing.start_on', 'is', null), eb('pairing.start_on', '<=', d)]),
      eb.or([eb('pairing.end_on', 'is', null), eb('pairing.end_on', '>=', d)]),
    ]));
  }
  if (f.inactiveOn) {
    const d = f.inactiveOn;
    q = q.where((eb) => eb.or([eb('pairing.start_on', '>', d), eb('pairing.end_on', '<', d)]));
  }
  return q;
}

/** Lists pairings in scope. */
export async function listPairings(db: Db, scopes: readonly string[], f: PairingFilter, limit: number, offset: number): Promise<{ rows: PairingListRow[]; total: number }> {
  const q = filtered(db, scopes, f);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.leftJoin('compound', 'compound.id', 'pairing.target_compound_id').leftJoin('region', 'region.id', 'pairing.target_region_id')
    .select(COLS).select((eb) => eb.fn.coalesce('compound.name', 'region.name').as('target_name'))
    .orderBy('pairing.scope_path').orderBy('pairing.kind').orderBy('pairing.partner_name').orderBy('pairing.id')
    .limit(limit).offset(offset).execute();
  return { total: Number(total.n), rows: rows.map((r) => ({ ...toPairing(r as PairingRow), targetName: r.target_name ?? null })) };
}

/** Pairings in force and distinct partners by kind (the seed's 467 units, 316 leaders, 147 departments). */
export async function pairingCounts(db: Db, scopes: readonly string[], f: PairingFilter): Promise<{ kind: string; pairings: number; partners: number; targets: number }[]> {
  const rows = await filtered(db, scopes, f)
    .select([
      'pairing.kind',
      sql<number>`count(*)`.as('pairings'),
      sql<number>`count(distinct coalesce(pairing.partner_org_id, pairing.partner_person_id, pairing.partner_name))`.as('partners'),
      sql<number>`count(distinct coalesce(pairing.target_compound_id, pairing.target_region_id))`.as('targets'),
    ])
    .groupBy('pairing.kind').execute();
  return rows.map((r) => ({ kind: r.kind, pairings: Number(r.pairings), partners: Number(r.partners), targets: Number(r.targets) }));
}

/** Inserts a pairing. */
export async function insertPairing(db: Db, p: Omit<Pairing, 'version' | 'updatedAt'>, by: string | null): Promise<void> {
  await db.insertInto('pairing').values({
    id: p.id, kind: p.kind, partner_kind: p.partnerKind, partner_org_id: p.partnerOrgId, partner_person_id: p.partnerPersonId, partner_name: p.partnerName,
    target_compound_id: p.targetCompoundId, target_region_id: p.targetRegionId, scope_path: p.scopePath, start_on: p.startOn, end_on: p.endOn,
    note: p.note, created_at: p.createdAt, updated_at: p.createdAt, created_by: by,
  }).execute();
}

/** Column patch for a pairing update. */
export type PairingPatch = Partial<{
  kind: string; partner_kind: string; partner_org_id: string | null; partner_person_id: string | null; partner_name: string;
  start_on: string | null; end_on: string | null; note: string | null;
}>;

/** Compare-and-set update; returns rows changed. */
export async function updatePairing(db: Db, id: string, patch: PairingPatch, now: string, expectVersion: number): Promise<number> {
  const r = await db.updateTable('pairing').set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes a pairing. */
export async function deletePairing(db: Db, id: string): Promise<void> {
  await db.deleteFrom('pairing').where('id', '=', id).execute();
}
