import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { appoint, mkOrg, mkPerson } from './testing/api.ts';
import { seedPlaces } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof seedPlaces>>;
let street: Client;
let workerA: Client;

async function committeeOf(c: Client, compoundId: string, name: string, size: number) {
  const org = await mkOrg(c, { type: 'owners_committee', name, compoundId, foundedOn: '2026-11-01' });
  for (let i = 0; i < size; i++) {
    const p = await mkPerson(c, { name: `${name}委员${i + 1}`, politicalStatus: '13', isOwner: true, compoundId });
    await appoint(c, org.id, p.id, i === 0 ? 'chair' : 'member');
  }
  return org;
}

beforeAll(async () => {
  env = await makeTestEnv();
  places = await seedPlaces(env.db);
  street = await env.user([{ roleKey: 'street_admin', scopePath: places.street.scopePath }]);
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: places.communityA.scopePath }]);
});
afterAll(async () => { await env?.close(); });

describe('org warnings', () => {
  it('flags a branch of 2 full and 1 probationary members as too few', async () => {
    const branch = await mkOrg(workerA, { type: 'branch', name: '甲一小区党支部', compoundId: places.a1.id });
    for (const [name, status] of [['党员一', '01'], ['党员二', '01'], ['预备三', '02']]) {
      const p = await mkPerson(workerA, { name, politicalStatus: status, compoundId: places.a1.id });
      await appoint(workerA, branch.id, p.id, 'member');
    }
    const r = (await workerA.get(`/api/org-warnings?compoundId=${places.a1.id}`)).json();
    expect(r.items.map((w: { code: string }) => w.code)).toEqual(['BRANCH_TOO_FEW_MEMBERS']);
    expect(r.items[0]).toMatchObject({ severity: 'warning', orgId: branch.id, orgName: '甲一小区党支部', compound: { id: places.a1.id, name: '甲一小区' }, params: { full: 2, min: 3 } });
    expect(r.items[0].en).toContain('2 full members');
    const detail = (await workerA.get(`/api/orgs/${branch.id}`)).json();
    expect(detail.warnings.map((w: { code: string }) => w.code)).toEqual(['BRANCH_TOO_FEW_MEMBERS']);
  });

  it('flags an owners committee of 6 and a term ending in 30 days', async () => {
    const oc = await committeeOf(workerA, places.a2.id, '甲二业委会', 6);
    await workerA.patch(`/api/orgs/${oc.id}`, { version: oc.version, termStart: '2022-01-01', termEnd: '2026-12-26', filedOn: '2026-11-10' });
    const r = (await workerA.get(`/api/org-warnings?compoundId=${places.a2.id}`)).json();
    expect(r.items.map((w: { code: string }) => w.code).sort()).toEqual(['OWNERS_COMMITTEE_SIZE', 'TERM_EXPIRING']);
    const expiring = r.items.find((w: { code: string }) => w.code === 'TERM_EXPIRING');
    expect(expiring.params.days).toBe(30);
    expect((await workerA.get(`/api/org-warnings?code=TERM_EXPIRING`)).json().total).toBe(1);
    expect(r.byCode).toEqual({ OWNERS_COMMITTEE_SIZE: 1, TERM_EXPIRING: 1 });
  });

  it('honours a region override of the owners committee maximum and keeps it to that region', async () => {
    const b = await committeeOf(street, places.b1.id, '乙一业委会', 9);
    expect((await street.get(`/api/org-warnings?compoundId=${places.b1.id}&code=OWNERS_COMMITTEE_SIZE`)).json().total).toBe(0);

    const refused = await workerA.put(`/api/term-rules?scopePath=${places.communityB.scopePath}`, { config: { ownersCommitteeSizeMax: 7 } });
    expect(refused.statusCode).toBe(403);
    const put = await street.put(`/api/term-rules?scopePath=${places.communityB.scopePath}`, { config: { ownersCommitteeSizeMax: 7 } });
    expect(put.statusCode).toBe(200);
    expect(put.json().effective.ownersCommitteeSizeMax).toBe(7);
    expect(put.json().inherited.ownersCommitteeSizeMax).toBe(11);

    const r = (await street.get(`/api/org-warnings?regionId=${places.communityB.id}`)).json();
    expect(r.items.map((w: { code: string; orgId: string; params: { max: number } }) => [w.code, w.orgId, w.params.max])).toEqual([['OWNERS_COMMITTEE_SIZE', b.id, 7]]);
    expect((await street.get(`/api/term-rules?scopePath=${places.b1.scopePath}`)).json().effective.ownersCommitteeSizeMax).toBe(7);
    expect((await street.get(`/api/term-rules?scopePath=${places.a1.scopePath}`)).json().effective.ownersCommitteeSizeMax).toBe(11);

    const stale = await street.put(`/api/term-rules?scopePath=${places.communityB.scopePath}`, { config: { ownersCommitteeSizeMax: 9 }, version: 7 });
    expect(stale.statusCode).toBe(409);
    const bad = await street.put(`/api/term-rules?scopePath=${places.communityB.scopePath}`, { config: { ownersCommitteeSizeMax: 'nine' }, version: 1 });
    expect(bad.json().error.fields[0]).toMatchObject({ field: 'config.ownersCommitteeSizeMax', code: 'NOT_A_NUMBER' });
  });

  it('shows a community worker only the warnings of their own community', async () => {
    const mine = (await workerA.get('/api/org-warnings?pageSize=200')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((w: { scopePath: string }) => w.scopePath.startsWith(places.communityA.scopePath))).toBe(true);
    expect((await workerA.get(`/api/org-warnings?regionId=${places.communityB.id}`)).json().total).toBe(0);
  });
});
