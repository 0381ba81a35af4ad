import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { registryProblem } from '../../../shared/registry-problems.ts';
import type { ProtectedTag } from '../../../shared/registry-codes.ts';
import { parseIdNumber } from '../../../shared/validators/idcard.ts';
import { normalizeMobile } from '../../../shared/validators/phone.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import type { Keyring } from '../../lib/crypto.ts';
import { idNumberIndex, phoneIndex, sealIdNumber, sealPhone } from '../../lib/pii.ts';
import { can, requireAt, requireScopes, scopesFor } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RawInput } from './input.ts';
import { minorCutoff, residentDisplay, validateResidentInput, validateResidentPatch, type ResidentValue } from './resident.ts';
import * as compounds from './compound.repository.ts';
import * as households from './household.repository.ts';
import * as repo from './resident.repository.ts';
import { narrowScopes } from './scope.ts';
import * as regions from './region.repository.ts';
import { isForeignKeyViolation } from './scope.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** A resident as the API shows it: masks only, age instead of birth date, name masked for a minor. */
export interface ResidentView {
  id: string;
  compoundId: string;
  compoundName: string;
  householdId: string | null;
  householdLabel: string | null;
  buildingName: string | null;
  unit: string | null;
  room: string | null;
  scopePath: string;
  name: string;
  minor: boolean;
  sensitive: boolean;
  gender: string;
  age: number | null;
  ageBand: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  hasProtectedTags: boolean;
  politicalStatus: string | null;
  relation: string | null;
  movedOutOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  abilities: { update: boolean; delete: boolean; reveal: boolean };
}

/** Fields that can be revealed in plain text. */
export const REVEALABLE = ['idNumber', 'phone', 'birthDate', 'protectedTags', 'name'] as const;
/** A revealable field. */
export type RevealField = (typeof REVEALABLE)[number];

/** Filters of the resident list. */
export interface ResidentFilter {
  compoundId?: string;
  /** Any region: residents anywhere under it. */
  regionId?: string;
  householdId?: string;
  q?: string;
  politicalStatus?: string;
  hasProtectedTags?: boolean;
  minor?: boolean;
  /** Exact lookup through the blind index (moved-out residents included unless includeMovedOut is false). */
  idNumber?: string;
  phone?: string;
  includeMovedOut?: boolean;
}

function view(ctx: Ctx, r: repo.ResidentRow): ResidentView {
  const d = residentDisplay(r, todayCst(ctx.clock));
  const w = can(ctx.actor, 'resident.write', r.scopePath);
  return {
    id: r.id, compoundId: r.compoundId, compoundName: r.compoundName, householdId: r.householdId, householdLabel: r.householdLabel,
    buildingName: r.buildingName, unit: r.unit, room: r.room, scopePath: r.scopePath,
    name: d.name, minor: d.minor, sensitive: d.sensitive, gender: r.gender, age: d.age, ageBand: d.ageBand,
    idNumberMasked: r.idNumberMask, phoneMasked: r.phoneMask, hasProtectedTags: r.hasProtectedTags,
    politicalStatus: r.politicalStatus, relation: r.relation, movedOutOn: r.movedOutOn,
    version: r.version, createdAt: r.createdAt, updatedAt: r.updatedAt,
    abilities: { update: w, delete: w, reveal: can(ctx.actor, 'resident.reveal', r.scopePath) },
  };
}

async function visibleResident(db: Db, ctx: Ctx, id: string): Promise<repo.ResidentRow> {
  const r = await repo.findResident(db, id, scopesFor(ctx.actor, 'resident.read'));
  if (!r) throw new DomainError('NOT_FOUND');
  return r;
}

/** The encrypted form of a tag list (null when empty). */
export function sealTags(keys: Keyring, tags: readonly ProtectedTag[]): string | null {
  return tags.length ? keys.encrypt(JSON.stringify(tags)) : null;
}

/** The ID number as stored for lookup: normalised (15 → 18 digits) when valid, else as typed. */
function lookupId(raw: string, today: string): string {
  const p = parseIdNumber(raw, today);
  return p.ok ? p.value.normalized : raw.trim().toUpperCase();
}

/** One page of residents under the caller's resident.read scope; an ID number or phone is an exact blind-index lookup. */
export async function listResidents(db: Db, ctx: Ctx, f: ResidentFilter, page: { page: number; pageSize: number }) {
  let prefixes = requireScopes(ctx.actor, 'resident.read');
  if (f.regionId) {
    const region = await regions.findRegion(db, f.regionId);
    prefixes = region ? narrowScopes(prefixes, region.scopePath) : [];
  }
  if (f.compoundId) {
    const c = await compounds.findCompound(db, f.compoundId, prefixes);
    prefixes = c ? [c.scopePath] : [];
  }
  const today = todayCst(ctx.clock);
  const lookup = !!(f.idNumber || f.phone);
  const r = await repo.listResidents(db, {
    prefixes, compoundId: f.compoundId, householdId: f.householdId, q: f.q, politicalStatus: f.politicalStatus, hasProtectedTags: f.hasProtectedTags,
    minor: f.minor, minorCutoff: minorCutoff(today),
    idNumberBidx: f.idNumber ? idNumberIndex(ctx.keys, lookupId(f.idNumber, today)) : undefined,
    phoneBidx: f.phone ? phoneIndex(ctx.keys, normalizeMobile(f.phone) ?? f.phone.trim()) : undefined,
    includeMovedOut: f.includeMovedOut ?? lookup,
  }, page.pageSize, (page.page - 1) * page.pageSize);
  return { items: r.rows.map((x) => view(ctx, x)), total: r.total, page: page.page, pageSize: page.pageSize };
}

/** One resident (masked). */
export async function getResident(db: Db, ctx: Ctx, id: string): Promise<ResidentView> {
  return view(ctx, await visibleResident(db, ctx, id));
}

/** ID_DUPLICATE problems for ID numbers already held by a current resident (naming the compound). */
export async function duplicateIdProblems(db: Db, keys: Keyring, items: { field: string; idNumber: string }[], exceptId?: string): Promise<FieldProblem[]> {
  if (!items.length) return [];
  const found = await repo.activeByIdIndex(db, items.map((i) => idNumberIndex(keys, i.idNumber)), exceptId);
  const byBidx = new Map(found.map((f) => [f.bidx, f.compoundName]));
  return items.flatMap((i) => {
    const where = byBidx.get(idNumberIndex(keys, i.idNumber));
    return where ? [registryProblem(i.field, 'ID_DUPLICATE', { where })] : [];
  });
}

/** Resolves and checks the household and compound of a new resident. */
async function placeOf(db: Db, v: ResidentValue): Promise<{ compound: compounds.CompoundRow | null; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  let compoundId = v.compoundId;
  if (v.householdId) {
    const [h] = await households.findHouseholdsAnyScope(db, [v.householdId]);
    if (!h) problems.push(registryProblem('householdId', 'NOT_FOUND_REF', { value: v.householdId }));
    else if (compoundId && h.compoundId !== compoundId) problems.push(registryProblem('householdId', 'OTHER_COMPOUND', { value: v.householdId }));
    else compoundId = h.compoundId;
  }
  if (!compoundId) return { compound: null, problems };
  const compound = await compounds.findCompound(db, compoundId, ['/']);
  if (!compound) problems.push(registryProblem('compoundId', 'NOT_FOUND_REF', { value: compoundId }));
  return { compound, problems };
}

/** Registers a resident (resident.write at the compound); ID number and phone sealed, tags encrypted. Idempotent on id. */
export async function createResident(db: Db, ctx: Ctx, input: RawInput): Promise<{ resident: ResidentView; created: boolean }> {
  if (typeof input.id === 'string') {
    const existing = await repo.findResident(db, input.id.toLowerCase(), ['/']);
    if (existing) {
      if (!can(ctx.actor, 'resident.read', existing.scopePath)) throw new DomainError('DUPLICATE', { detail: input.id });
      return { resident: view(ctx, existing), created: false };
    }
  }
  const today = todayCst(ctx.clock);
  const { value, problems } = validateResidentInput(input, today);
  const place = await placeOf(db, value);
  if (place.compound) requireAt(ctx.actor, 'resident.write', place.compound.scopePath);
  problems.push(...place.problems);
  if (value.idNumber && !value.movedOutOn) problems.push(...(await duplicateIdProblems(db, ctx.keys, [{ field: 'idNumber', idNumber: value.idNumber }])));
  if (problems.length || !place.compound) throw invalid(problems);
  const c = place.compound;
  const id = value.id ?? newId();
  return inTx(db, async (tx) => {
    await repo.insertResidentsBatch(tx, [recordOf(ctx, value, id, c.id, c.scopePath)]);
    await recordAudit(tx, ctx, { action: 'resident.create', objectType: 'resident', objectId: id, scopePath: c.scopePath, detail: auditFacts(value) });
    return { resident: view(ctx, (await repo.findResident(tx, id, ['/']))!), created: true };
  });
}

/** Builds the stored record of a checked resident: seals ID number and phone, encrypts tags. */
export function recordOf(ctx: Ctx, v: ResidentValue, id: string, compoundId: string, scopePath: string): repo.ResidentRecord {
  return {
    id, compoundId, householdId: v.householdId, scopePath, name: v.name, gender: v.gender, birthDate: v.birthDate,
    idNumber: v.idNumber ? sealIdNumber(ctx.keys, v.idNumber) : null, phone: v.phone ? sealPhone(ctx.keys, v.phone) : null,
    politicalStatus: v.politicalStatus, relation: v.relation, tagsEnc: sealTags(ctx.keys, v.protectedTags), hasProtectedTags: v.protectedTags.length > 0,
    movedOutOn: v.movedOutOn, createdAt: nowIso(ctx), createdBy: ctx.actor.userId,
  };
}

/** Non-personal facts about a resident change for the audit log. */
function auditFacts(v: Partial<ResidentValue>) {
  return {
    fields: Object.keys(v).filter((k) => k !== 'id'),
    compoundId: v.compoundId, householdId: v.householdId,
    hasIdNumber: v.idNumber === undefined ? undefined : !!v.idNumber, hasPhone: v.phone === undefined ? undefined : !!v.phone,
    tagCount: v.protectedTags?.length, movedOutOn: v.movedOutOn,
  };
}

/** Updates a resident with compare-and-set; a new ID number re-derives gender and birth date; movedOutOn moves them out. */
export async function updateResident(db: Db, ctx: Ctx, id: string, input: RawInput & { version: number }): Promise<ResidentView> {
  const today = todayCst(ctx.clock);
  return inTx(db, async (tx) => {
    const r = await visibleResident(tx, ctx, id);
    requireAt(ctx.actor, 'resident.write', r.scopePath);
    const { value, problems } = validateResidentPatch(input, today, { hasIdNumber: !!r.idNumberMask, gender: r.gender, birthDate: r.birthDate });
    if (value.householdId) {
      const [h] = await households.findHouseholdsAnyScope(tx, [value.householdId]);
      if (!h) problems.push(registryProblem('householdId', 'NOT_FOUND_REF', { value: value.householdId }));
      else if (h.compoundId !== r.compoundId) problems.push(registryProblem('householdId', 'OTHER_COMPOUND', { value: value.householdId }));
    }
    const activeAfter = (value.movedOutOn !== undefined ? value.movedOutOn : r.movedOutOn) === null;
    if (activeAfter && value.idNumber) {
      problems.push(...(await duplicateIdProblems(tx, ctx.keys, [{ field: 'idNumber', idNumber: value.idNumber }], id)));
    } else if (activeAfter && r.movedOutOn && value.idNumber === undefined) {
      const sealed = await repo.findSealed(tx, id);
      const [other] = sealed?.idNumberBidx ? await repo.activeByIdIndex(tx, [sealed.idNumberBidx], id) : [];
      if (other) problems.push(registryProblem('movedOutOn', 'ID_DUPLICATE', { where: other.compoundName }));
    }
    if (problems.length) throw invalid(problems);
    const { id: _i, compoundId: _c, idNumber, phone, protectedTags, ...plain } = value;
    const n = await repo.updateResident(tx, id, input.version, {
      ...plain,
      ...(idNumber !== undefined ? { idNumber: idNumber ? sealIdNumber(ctx.keys, idNumber) : null } : {}),
      ...(phone !== undefined ? { phone: phone ? sealPhone(ctx.keys, phone) : null } : {}),
      ...(protectedTags !== undefined ? { tagsEnc: sealTags(ctx.keys, protectedTags), hasProtectedTags: protectedTags.length > 0 } : {}),
    }, nowIso(ctx));
    if (n === 0) throw new DomainError('STALE', { currentVersion: r.version }, [], { currentVersion: r.version });
    if ((value.householdId !== undefined && value.householdId !== r.householdId) || (value.movedOutOn && !r.movedOutOn)) await households.clearHead(tx, id, nowIso(ctx));
    await recordAudit(tx, ctx, { action: value.movedOutOn && !r.movedOutOn ? 'resident.move_out' : 'resident.update', objectType: 'resident', objectId: id, scopePath: r.scopePath, detail: auditFacts(value) });
    return view(ctx, (await repo.findResident(tx, id, ['/']))!);
  });
}

/** Deletes a resident record (prefer moving out); IN_USE when other records still refer to the person. */
export async function deleteResident(db: Db, ctx: Ctx, id: string): Promise<void> {
  try {
    await inTx(db, async (tx) => {
      const r = await visibleResident(tx, ctx, id);
      requireAt(ctx.actor, 'resident.write', r.scopePath);
      await households.clearHead(tx, id, nowIso(ctx));
      await repo.deleteResident(tx, id);
      await recordAudit(tx, ctx, { action: 'resident.delete', objectType: 'resident', objectId: id, scopePath: r.scopePath, detail: { compoundId: r.compoundId } });
    });
  } catch (e) {
    if (isForeignKeyViolation(e)) throw new DomainError('IN_USE', { detail: '该居民仍被组织成员等记录引用，请改为迁出 / other records refer to this person; move them out instead' });
    throw e;
  }
}

/**
 * Reveals plain values of a resident: needs resident.reveal at the resident's place and a reason of at least
 * 4 characters. Both outcomes are audited with the reason and the field names, never the values.
 */
export async function revealResident(db: Db, ctx: Ctx, id: string, input: { fields: RevealField[]; reason?: string }): Promise<Partial<Record<RevealField, string | string[] | null>>> {
  const r = await visibleResident(db, ctx, id);
  const fields = [...new Set(input.fields)];
  const reason = (input.reason ?? '').trim();
  const audit = { action: 'resident.reveal', objectType: 'resident', objectId: id, scopePath: r.scopePath, reason: reason || null };
  const refusal = !can(ctx.actor, 'resident.reveal', r.scopePath)
    ? new DomainError('FORBIDDEN', { permission: 'resident.reveal' })
    : [...reason].length < 4 ? new DomainError('REASON_REQUIRED') : null;
  if (refusal) {
    await inTx(db, (tx) => recordAudit(tx, ctx, { ...audit, result: 'failure', detail: { fields, refused: refusal.code } }));
    throw refusal;
  }
  return inTx(db, async (tx) => {
    const sealed = await repo.findSealed(tx, id);
    const out: Partial<Record<RevealField, string | string[] | null>> = {};
    for (const f of fields) {
      if (f === 'idNumber') out.idNumber = sealed?.idNumberEnc ? ctx.keys.decrypt(sealed.idNumberEnc) : null;
      if (f === 'phone') out.phone = sealed?.phoneEnc ? ctx.keys.decrypt(sealed.phoneEnc) : null;
      if (f === 'birthDate') out.birthDate = r.birthDate;
      if (f === 'protectedTags') out.protectedTags = sealed?.tagsEnc ? (JSON.parse(ctx.keys.decrypt(sealed.tagsEnc)) as string[]) : [];
      if (f === 'name') out.name = r.name;
    }
    await recordAudit(tx, ctx, { ...audit, detail: { fields } });
    return out;
  });
}
