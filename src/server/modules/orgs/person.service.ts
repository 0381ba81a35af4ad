import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { maskName } from '../../../shared/mask.ts';
import { postLabel, type OrgType } from '../../../shared/org-types.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { idNumberIndex, sealIdNumber, sealPhone } from '../../lib/pii.ts';
import { can, requireAt, requireScopes } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findCompoundRef, findRegionRef, getResident } from '../registry/index.ts';
import { activeOn } from './dates.ts';
import { checkPersonFields, personAnchorProblem, type Person, type PersonFields } from './person.ts';
import * as repo from './person.repository.ts';
import { positionsOfPerson } from './position.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** The resident a person links to, if the caller may read it (resident.read); null otherwise. */
async function visibleResident(db: Db, ctx: Ctx, id: string): Promise<{ name: string; scopePath: string; politicalStatus: string | null } | null> {
  try {
    const r = await getResident(db, ctx, id);
    return { name: r.name, scopePath: r.scopePath, politicalStatus: r.politicalStatus };
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) return null;
    throw e;
  }
}

/** A person as the API shows it: masks only. */
export interface PersonView extends Person {
  abilities: { update: boolean };
}

function view(ctx: Ctx, p: Person): PersonView {
  return { ...p, abilities: { update: can(ctx.actor, 'org.write', p.scopePath) } };
}

/** Filters of the people list as the API takes them. */
export interface PeopleQuery {
  q?: string;
  regionId?: string;
  compoundId?: string;
  politicalStatus?: string;
  isOwner?: boolean;
}

/** Lists people under the caller's org.read scope. */
export async function listPeople(db: Db, ctx: Ctx, f: PeopleQuery, limit: number, offset: number): Promise<{ items: PersonView[]; total: number }> {
  const scopes = requireScopes(ctx.actor, 'org.read');
  let underPath: string | undefined;
  if (f.compoundId) {
    const c = await findCompoundRef(db, f.compoundId);
    if (!c) return { items: [], total: 0 };
    underPath = c.scopePath;
  } else if (f.regionId) {
    const r = await findRegionRef(db, f.regionId);
    if (!r) return { items: [], total: 0 };
    underPath = r.scopePath;
  }
  const page = await repo.listPeople(db, scopes, { q: f.q?.trim() || undefined, underPath, politicalStatus: f.politicalStatus, isOwner: f.isOwner }, limit, offset);
  return { total: page.total, items: page.rows.map((p) => view(ctx, p)) };
}

/** One person with the posts they hold or held. */
export async function getPerson(db: Db, ctx: Ctx, id: string) {
  const p = await repo.findPerson(db, id, requireScopes(ctx.actor, 'org.read'));
  if (!p) throw new DomainError('NOT_FOUND');
  const today = todayCst(ctx.clock);
  const held = await positionsOfPerson(db, id);
  return {
    ...view(ctx, p),
    positions: held.map((h) => ({ ...h, postLabel: postLabel(h.post, h.orgType as OrgType), active: activeOn(h.startOn, h.endOn, today) })),
  };
}

/** Input of a person create: the fields, one anchor, an optional client id. */
export type NewPerson = PersonFields & { id?: string; residentId?: string | null; compoundId?: string | null; regionId?: string | null };

/** Registers a person anchored to a resident, a compound or a region; personal data sealed; retry-safe by id. */
export async function createPerson(db: Db, ctx: Ctx, input: NewPerson): Promise<{ person: PersonView; created: boolean }> {
  requireScopes(ctx.actor, 'org.write');
  const id = input.id ?? newId();
  const existing = await repo.findPerson(db, id, null);
  if (existing) {
    if (!can(ctx.actor, 'org.read', existing.scopePath)) throw new DomainError('ID_CONFLICT');
    return { person: view(ctx, existing), created: false };
  }
  const anchorProblem = personAnchorProblem(input);
  let scopePath: string | null = null;
  let fromResident: { name: string; politicalStatus: string | null } | null = null;
  const problems = anchorProblem ? [anchorProblem] : [];
  if (!anchorProblem) {
    if (input.residentId) {
      const r = await visibleResident(db, ctx, input.residentId);
      if (!r) problems.push(fieldProblem('residentId', 'NOT_FOUND_REF', { value: input.residentId }));
      else {
        scopePath = r.scopePath;
        fromResident = r;
      }
    } else if (input.compoundId) {
      const c = await findCompoundRef(db, input.compoundId);
      if (!c) problems.push(fieldProblem('compoundId', 'NOT_FOUND_REF', { value: input.compoundId }));
      else scopePath = c.scopePath;
    } else if (input.regionId) {
      const r = await findRegionRef(db, input.regionId);
      if (!r) problems.push(fieldProblem('regionId', 'NOT_FOUND_REF', { value: input.regionId }));
      else scopePath = r.scopePath;
    }
  }
  if (scopePath) requireAt(ctx.actor, 'org.write', scopePath);
  const fields: PersonFields = {
    ...input,
    name: input.name ?? fromResident?.name,
    politicalStatus: input.politicalStatus !== undefined ? input.politicalStatus : fromResident?.politicalStatus ?? null,
  };
  const checked = checkPersonFields(fields, todayCst(ctx.clock), { nameRequired: true });
  problems.push(...checked.problems);
  if (checked.value.idNumber) {
    const dup = await repo.findPersonByIdIndex(db, idNumberIndex(ctx.keys, checked.value.idNumber));
    if (dup) problems.push(fieldProblem('idNumber', 'ID_DUPLICATE', { where: maskName(dup.name) }));
  }
  if (problems.length || !scopePath) throw invalid(problems);
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    await repo.insertPerson(tx, {
      id, scopePath: scopePath!, name: fields.name!.trim(), gender: fields.gender ?? null, politicalStatus: fields.politicalStatus ?? null,
      residentId: input.residentId ?? null, isOwner: !!fields.isOwner,
      idNumber: checked.value.idNumber ? sealIdNumber(ctx.keys, checked.value.idNumber) : null,
      phone: checked.value.phone ? sealPhone(ctx.keys, checked.value.phone) : null, now, by: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'person.create', objectType: 'person', objectId: id, scopePath: scopePath!,
      detail: { politicalStatus: fields.politicalStatus ?? null, isOwner: !!fields.isOwner, residentId: input.residentId ?? null, idNumber: !!checked.value.idNumber, phone: !!checked.value.phone },
    });
    return { person: view(ctx, (await repo.findPerson(tx, id, null))!), created: true };
  });
}

/** Fields a PATCH may change: the person's own data and the resident link (the anchor stays). */
export type PersonChanges = PersonFields & { version: number; residentId?: string | null };

/** Changes a person with compare-and-set; new ID numbers and phones are sealed again. */
export async function updatePerson(db: Db, ctx: Ctx, id: string, input: PersonChanges): Promise<PersonView> {
  const p = await repo.findPerson(db, id, requireScopes(ctx.actor, 'org.read'));
  if (!p) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'org.write', p.scopePath);
  const checked = checkPersonFields(input, todayCst(ctx.clock), { nameRequired: false });
  const problems = [...checked.problems];
  if (input.residentId) {
    if (!(await visibleResident(db, ctx, input.residentId))) problems.push(fieldProblem('residentId', 'NOT_FOUND_REF', { value: input.residentId }));
  }
  if (checked.value.idNumber) {
    const dup = await repo.findPersonByIdIndex(db, idNumberIndex(ctx.keys, checked.value.idNumber));
    if (dup && dup.id !== id) problems.push(fieldProblem('idNumber', 'ID_DUPLICATE', { where: maskName(dup.name) }));
  }
  if (problems.length) throw invalid(problems);
  const patch: repo.PersonPatch = {};
  const changed: string[] = [];
  if (input.name !== undefined) { patch.name = input.name.trim(); changed.push('name'); }
  if (input.gender !== undefined) { patch.gender = input.gender; changed.push('gender'); }
  if (input.politicalStatus !== undefined) { patch.political_status = input.politicalStatus; changed.push('politicalStatus'); }
  if (input.isOwner !== undefined) { patch.is_owner = input.isOwner ? 1 : 0; changed.push('isOwner'); }
  if (input.residentId !== undefined) { patch.resident_id = input.residentId; changed.push('residentId'); }
  if (checked.value.idNumber !== undefined) {
    const s = checked.value.idNumber ? sealIdNumber(ctx.keys, checked.value.idNumber) : null;
    Object.assign(patch, { id_number_enc: s?.enc ?? null, id_number_bidx: s?.bidx ?? null, id_number_mask: s?.mask ?? null });
    changed.push('idNumber');
  }
  if (checked.value.phone !== undefined) {
    const s = checked.value.phone ? sealPhone(ctx.keys, checked.value.phone) : null;
    Object.assign(patch, { phone_enc: s?.enc ?? null, phone_bidx: s?.bidx ?? null, phone_mask: s?.mask ?? null });
    changed.push('phone');
  }
  return inTx(db, async (tx) => {
    if ((await repo.updatePerson(tx, id, patch, nowIso(ctx), input.version)) === 0) {
      const cur = await repo.findPerson(tx, id, null);
      throw new DomainError('STALE', { currentVersion: cur?.version ?? 0 }, [], { currentVersion: cur?.version ?? 0 });
    }
    await recordAudit(tx, ctx, {
      action: 'person.update', objectType: 'person', objectId: id, scopePath: p.scopePath,
      detail: { fields: changed, politicalStatus: input.politicalStatus, isOwner: input.isOwner },
    });
    return view(ctx, (await repo.findPerson(tx, id, null))!);
  });
}
