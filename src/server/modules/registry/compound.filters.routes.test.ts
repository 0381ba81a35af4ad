import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { createOrg, createPairing } from '../orgs/index.ts';
import { createDocument } from './document.service.ts';
import { seedCompound, seedRegions, type RegionFixture } from './registry.fixtures.ts';

let env: TestEnv;
let fx: RegionFixture;
let worker: Client;
let complete: { id: string };
let withCommittee: { id: string };
let bare: { id: string };

beforeAll(async () => {
  env = await makeTestEnv();
  const ctx = env.ctx();
  fx = await seedRegions(env.db, ctx);
  complete = await seedCompound(env.db, ctx, fx.communityA.id, '齐全小区');
  withCommittee = await seedCompound(env.db, ctx, fx.communityA.id, '有业委会小区');
  bare = await seedCompound(env.db, ctx, fx.communityA.id, '空白小区');
  await createOrg(env.db, ctx, { type: 'branch', name: '齐全小区党支部', compoundId: complete.id, foundedOn: '2022-01-01' });
  await createOrg(env.db, ctx, { type: 'volunteer_team', name: '齐全小区志愿队', compoundId: complete.id });
  await createDocument(env.db, ctx, complete.id, { kind: 'work_plan', title: '工作方案', adoptedOn: '2023-01-01' });
  await createPairing(env.db, ctx, { kind: 'responsible_leader', partnerKind: 'leader', partnerName: '王局长', targetCompoundId: complete.id, startOn: '2023-01-01' });
  await createPairing(env.db, ctx, { kind: 'contact_unit', partnerKind: 'unit', partnerName: '市财政局', targetCompoundId: complete.id, startOn: '2023-01-01' });
  await createOrg(env.db, ctx, { type: 'owners_committee', name: '业主委员会', compoundId: withCommittee.id, foundedOn: '2023-01-01' });
  worker = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityA.path }]);
});
afterAll(async () => { await env?.close(); });

const names = async (query: string) => ((await worker.get(`/api/compounds?${query}`)).json().items as { name: string }[]).map((c) => c.name).sort();

describe('compound list filters contributed by the orgs module', () => {
  it('carries each row’s five-ones score and missing items', async () => {
    const items = (await worker.get('/api/compounds')).json().items as { id: string; fiveOnes: { score: number; missing: string[] } }[];
    expect(items.find((c) => c.id === complete.id)!.fiveOnes.score).toBe(5);
    expect(items.find((c) => c.id === bare.id)!.fiveOnes).toEqual({ score: 0, missing: ['party_org', 'work_plan', 'responsible_leader', 'contact_unit', 'volunteer_team'] });
  });

  it('filters by five-ones completeness and by a missing item', async () => {
    expect(await names('fiveOnes=complete')).toEqual(['齐全小区']);
    expect(await names('fiveOnes=incomplete')).toEqual(['有业委会小区', '空白小区'].sort());
    expect(await names('missing=contact_unit')).toEqual(['有业委会小区', '空白小区'].sort());
  });

  it('filters by whether an owners’ committee exists', async () => {
    expect(await names('hasOwnersCommittee=true')).toEqual(['有业委会小区']);
    expect(await names('hasOwnersCommittee=false')).toEqual(['空白小区', '齐全小区'].sort());
  });

  it('shows the full checklist on the detail', async () => {
    const d = (await worker.get(`/api/compounds/${complete.id}`)).json();
    expect(d.fiveOnes.score).toBe(5);
    expect(d.fiveOnesDetail.items.contactUnit.ok).toBe(true);
  });
});
