import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type TestEnv } from '../../testing/harness.ts';
import { BUILTIN_ROLES, type Actor } from '../accounts/index.ts';
import { DomainError } from '../../../shared/errors.ts';
import { bulkCreateCompounds, bulkCreateHouseholds, bulkCreateResidents, bulkSetHouseholdHeads, validateCompoundInput, validateHouseholdInput, validateResidentInput } from './index.ts';
import { seedRegions, type RegionFixture } from './registry.fixtures.ts';
import { idCheckChar } from '../../../shared/validators/idcard.ts';

let env: TestEnv;
let fx: RegionFixture;
const TODAY = '2026-11-26';

function workerAt(scopePath: string): Actor {
  const role = BUILTIN_ROLES.find((r) => r.key === 'community_worker')!;
  return { kind: 'user', userId: null, username: 'importer', displayName: 'importer', grants: [{ roleKey: role.key, adminClass: null, scopePath, permissions: role.permissions }], ip: null, sessionId: null };
}

const idFor = (n: number) => {
  const p17 = '511302' + '1980' + '0101' + String(n).padStart(3, '0').slice(-3);
  const base = p17.slice(0, 10) + String(1 + Math.floor(n / 1000)).padStart(2, '0') + p17.slice(12);
  return base + idCheckChar(base);
};

async function count(table: 'compound' | 'household' | 'resident' | 'building') {
  return Number((await env.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

async function auditCount(action: string) {
  return Number((await env.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);
}

beforeAll(async () => {
  env = await makeTestEnv();
  fx = await seedRegions(env.db, env.ctx());
});
afterAll(async () => { await env?.close(); });

describe('bulk creation for imports', () => {
  it('inserts 2,000 compounds in several chunks inside the caller’s transaction with one audit entry', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => {
      const v = validateCompoundInput({ communityId: fx.communityA.id, name: `批量小区${i}`, housingType: '商品房', propertyMode: 'market', buildYear: '1998' }, TODAY);
      expect(v.problems).toEqual([]);
      return v.value;
    });
    const ctx = env.ctx(workerAt(fx.communityA.path));
    const r = await env.db.transaction().execute((tx) => bulkCreateCompounds(tx, ctx, rows));
    expect(r.ids).toHaveLength(2000);
    expect(await count('compound')).toBe(2000);
    expect(await auditCount('compound.bulk_create')).toBe(1);
    const one = await env.db.selectFrom('compound').selectAll().where('id', '=', r.ids[0]).executeTakeFirstOrThrow();
    expect(one.scope_path).toBe(`${fx.communityA.path}${r.ids[0]}/`);
    expect(one.build_year).toBe(1998);
  });

  it('creates households and their named buildings, then residents, sealing personal data', async () => {
    const [compoundId] = (await env.db.selectFrom('compound').select('id').limit(1).execute()).map((r) => r.id);
    const ctx = env.ctx(workerAt(fx.communityA.path));
    const hh = Array.from({ length: 40 }, (_, i) => validateHouseholdInput({ compoundId, buildingName: `${1 + (i % 4)}幢`, unit: '1', room: String(101 + i) }).value);
    const residentsIn = (hhIds: string[]) => Array.from({ length: 1600 }, (_, i) => {
      const v = validateResidentInput({ householdId: hhIds[i % hhIds.length], name: `居民${i}`, idNumber: idFor(i), phone: `1390000${String(i).padStart(4, '0')}`, protectedTags: i % 100 === 0 ? '独居老人' : '' }, TODAY);
      expect(v.problems).toEqual([]);
      return v.value;
    });
    const out = await env.db.transaction().execute(async (tx) => {
      const h = await bulkCreateHouseholds(tx, ctx, hh);
      const r = await bulkCreateResidents(tx, ctx, residentsIn(h.ids));
      return { h, r };
    });
    expect(out.h.createdBuildingIds).toHaveLength(4);
    await env.db.transaction().execute((tx) => bulkSetHouseholdHeads(tx, ctx, [{ householdId: out.h.ids[0], residentId: out.r.ids[0] }]));
    const head = await env.db.selectFrom('household').select('head_resident_id').where('id', '=', out.h.ids[0]).executeTakeFirstOrThrow();
    expect(head.head_resident_id).toBe(out.r.ids[0]);
    const wrong = await env.db.transaction().execute((tx) => bulkSetHouseholdHeads(tx, ctx, [{ householdId: out.h.ids[1], residentId: out.r.ids[0] }])).catch((e: unknown) => e);
    expect((wrong as DomainError).fields[0]).toMatchObject({ field: 'rows.0.headResidentId', code: 'HEAD_NOT_MEMBER' });
    expect(await count('building')).toBe(4);
    expect(await count('resident')).toBe(1600);
    expect(await auditCount('resident.bulk_create')).toBe(1);
    const row = await env.db.selectFrom('resident').selectAll().where('id', '=', out.r.ids[0]).executeTakeFirstOrThrow();
    expect(row.id_number_enc).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(idFor(0));
    expect(row.has_protected_tags).toBe(1);
    const audit = await env.db.selectFrom('audit_log').selectAll().where('action', '=', 'resident.bulk_create').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ count: 1600, withIdNumber: 1600, withPhone: 1600, withProtectedTags: 16 });
  });

  it('writes nothing when a later batch of the same transaction fails (duplicate ID numbers)', async () => {
    const before = { c: await count('compound'), r: await count('resident') };
    const ctx = env.ctx(workerAt(fx.communityA.path));
    const compounds = [validateCompoundInput({ communityId: fx.communityA.id, name: '回滚小区', housingType: 'public', propertyMode: 'self_managed' }, TODAY).value];
    const attempt = env.db.transaction().execute(async (tx) => {
      const c = await bulkCreateCompounds(tx, ctx, compounds);
      const rows = [
        validateResidentInput({ compoundId: c.ids[0], name: '甲', idNumber: idFor(5000) }, TODAY).value,
        validateResidentInput({ compoundId: c.ids[0], name: '乙', idNumber: idFor(5000) }, TODAY).value,
        validateResidentInput({ compoundId: c.ids[0], name: '丙', idNumber: idFor(1) }, TODAY).value,
      ];
      return bulkCreateResidents(tx, ctx, rows);
    });
    const err = await attempt.catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).fields.map((f) => `${f.field}:${f.code}`)).toEqual(['rows.1.idNumber:ID_DUPLICATE', 'rows.2.idNumber:ID_DUPLICATE']);
    expect(await count('compound')).toBe(before.c);
    expect(await count('resident')).toBe(before.r);
  });

  it('refuses rows outside the caller’s scope and names them', async () => {
    const ctx = env.ctx(workerAt(fx.communityA.path));
    const rows = [
      validateCompoundInput({ communityId: fx.communityA.id, name: '本社区', housingType: 'public', propertyMode: 'market' }, TODAY).value,
      validateCompoundInput({ communityId: fx.communityB.id, name: '他社区', housingType: 'public', propertyMode: 'market' }, TODAY).value,
      validateCompoundInput({ communityId: fx.streetA.id, name: '街道', housingType: 'public', propertyMode: 'market' }, TODAY).value,
    ];
    const err = (await env.db.transaction().execute((tx) => bulkCreateCompounds(tx, ctx, rows)).catch((e: unknown) => e)) as DomainError;
    expect(err.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual(['rows.1.communityId:OUT_OF_SCOPE_REF', 'rows.2.communityId:NOT_A_COMMUNITY']);
  });
});
