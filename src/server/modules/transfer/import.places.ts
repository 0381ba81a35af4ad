import type { Db } from '../../db/database.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { scopesFor, type Actor } from '../accounts/actor.ts';
import type { ImportRow, PlanContext } from './import.types.ts';
import * as refs from './transfer.repository.ts';

/** The permissions an import of the entity needs over every row's place. */
export function importPermissions(entity: 'compounds' | 'households' | 'residents'): Permission[] {
  // Households are resident-registry data in the registry (resident.write); creating a missing building also takes compound.write.
  return ['import.run', entity === 'compounds' ? 'compound.write' : 'resident.write'];
}

/** Folds a building name, unit or room for matching: NFKC, no spaces. */
export function foldName(s: string | null | undefined): string {
  return (s ?? '').normalize('NFKC').replace(/\s+/g, '');
}

/** The key of a household within its compound; a building still to be created is keyed by its folded name. */
export function householdKey(compoundId: string, building: string | null, unit: string | null, room: string): string {
  return [compoundId, building ?? '', foldName(unit), foldName(room)].join('\u0000');
}

/** The building part of a household key for a resolved place. */
export function buildingKeyOf(place: ResolvedPlace): string | null {
  return place.buildingId ?? (place.newBuildingName ? 'new:' + foldName(place.newBuildingName) : null);
}

/** Where a row lands once its references are resolved. */
export interface ResolvedPlace {
  community: refs.RegionHit;
  compound?: refs.CompoundHit;
  /** An existing building. */
  buildingId?: string | null;
  /** A building the registry will create by this name (the first spelling met in the file). */
  newBuildingName?: string | null;
}

/** Whether the actor holds every permission over scopePath. */
export function canAll(actor: Actor, perms: readonly Permission[], scopePath: string): boolean {
  return perms.every((p) => scopesFor(actor, p).some((s) => scopePath.startsWith(s)));
}

/** Whether any of the actor's grants for every permission touches the region (above or below it). */
function touches(actor: Actor, perms: readonly Permission[], regionPath: string): boolean {
  return perms.every((p) => scopesFor(actor, p).some((s) => regionPath.startsWith(s) || s.startsWith(regionPath)));
}

/**
 * Resolves community codes (and compound names when asked) for every row with a batch of queries,
 * reporting NOT_FOUND_REF / OUT_OF_SCOPE_REF on the row's cell. Returns the place per row number.
 */
export async function resolvePlaces(
  pc: PlanContext,
  rows: readonly ImportRow[],
  opts: { compound: boolean; perms: readonly Permission[] },
): Promise<Map<number, ResolvedPlace>> {
  const out = new Map<number, ResolvedPlace>();
  const live = rows.filter((r) => typeof r.values.communityCode === 'string');
  const regions = await refs.regionsByCodes(pc.db, live.map((r) => r.values.communityCode as string));
  const byCode = new Map(regions.filter((r) => r.level === 'community').map((r) => [r.code, r]));
  const compounds = opts.compound ? await refs.compoundsOfCommunities(pc.db, [...byCode.values()].map((r) => r.id)) : [];
  const compoundByName = new Map(compounds.map((c) => [c.communityId + '\u0000' + foldName(c.name), c]));
  for (const r of live) {
    const code = r.values.communityCode as string;
    const community = byCode.get(code);
    if (!community) {
      pc.problem(r, 'communityCode', 'NOT_FOUND_REF', { value: code });
      continue;
    }
    if (!touches(pc.ctx.actor, opts.perms, community.scopePath)) {
      pc.problem(r, 'communityCode', 'OUT_OF_SCOPE_REF', { value: code });
      continue;
    }
    if (!opts.compound) {
      out.set(r.row, { community });
      continue;
    }
    const name = r.values.compoundName;
    if (typeof name !== 'string') continue;
    const compound = compoundByName.get(community.id + '\u0000' + foldName(name));
    if (!compound) {
      pc.problem(r, 'compoundName', 'NOT_FOUND_REF', { value: `${community.name} ${name}` });
      continue;
    }
    if (!canAll(pc.ctx.actor, opts.perms, compound.scopePath)) {
      pc.problem(r, 'compoundName', 'OUT_OF_SCOPE_REF', { value: name });
      continue;
    }
    out.set(r.row, { community, compound });
  }
  return out;
}

/**
 * Finds each row's building by name within its compound. A name the compound lacks becomes a building to create
 * (bulkCreateHouseholds makes it from buildingName); later rows spelling it alike reuse the first spelling.
 */
export async function resolveBuildings(db: Db, rows: readonly ImportRow[], places: Map<number, ResolvedPlace>): Promise<void> {
  const compoundIds = [...new Set([...places.values()].flatMap((p) => (p.compound ? [p.compound.id] : [])))];
  const existing = await refs.buildingsOfCompounds(db, compoundIds);
  const byName = new Map<string, { id: string | null; name: string }>(existing.map((b) => [b.compoundId + '\u0000' + foldName(b.name), { id: b.id, name: b.name }]));
  for (const r of rows) {
    const place = places.get(r.row);
    if (!place?.compound) continue;
    const name = r.values.building;
    place.buildingId = null;
    place.newBuildingName = null;
    if (typeof name !== 'string' || name === '') continue;
    const key = place.compound.id + '\u0000' + foldName(name);
    let b = byName.get(key);
    if (!b) {
      b = { id: null, name };
      byName.set(key, b);
    }
    if (b.id) place.buildingId = b.id;
    else place.newBuildingName = b.name;
  }
}

/** Grids by code, for rows that name one; a grid of another community is reported as not found there. */
export async function resolveGrids(pc: PlanContext, rows: readonly ImportRow[], places: Map<number, ResolvedPlace>): Promise<Map<number, string | null>> {
  const wanted = rows.filter((r) => typeof r.values.gridCode === 'string' && places.has(r.row));
  const grids = await refs.gridsByCodes(pc.db, wanted.map((r) => r.values.gridCode as string));
  const byCode = new Map(grids.map((g) => [g.code, g]));
  const out = new Map<number, string | null>();
  for (const r of wanted) {
    const g = byCode.get(r.values.gridCode as string);
    if (!g || g.communityId !== places.get(r.row)!.community.id) pc.problem(r, 'gridCode', 'NOT_FOUND_REF', { value: r.values.gridCode as string });
    else out.set(r.row, g.id);
  }
  return out;
}

/** The longest common path of the written rows' places, for the one audit entry of a batch. */
export function commonPath(paths: Iterable<string>): string {
  let parts: string[] | null = null;
  for (const p of paths) {
    const q = p.split('/').filter(Boolean);
    if (parts === null) parts = q;
    else {
      let i = 0;
      while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
      parts = parts.slice(0, i);
    }
  }
  return parts && parts.length ? '/' + parts.join('/') + '/' : '/';
}
