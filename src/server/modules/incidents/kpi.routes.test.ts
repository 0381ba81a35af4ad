import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { createGrid, seedRegions, type RegionFixture } from '../registry/index.ts';
import { insertIncident, type IncidentRecord } from './incident.repository.ts';
import { cst } from './testing/fixture.ts';

// A hand-made October 2026 in street A: raw timestamps chosen so every count below can be checked on paper.

let env: TestEnv;
let regions: RegionFixture;
let streetAdmin: Client;
let communityWorker: Client;
let gridId: string;

const SEED_SET = '00000000-0000-4000-8000-000000000001';
const t = (s: string) => cst(`2026-${s}:00`).toISOString();

function incident(id: string, place: { id: string; path: string }, reported: string, o: Partial<IncidentRecord> = {}): IncidentRecord {
  const at = t(reported);
  return {
    id, caseNo: null, categorySetId: SEED_SET, categoryVersion: 1, categoryCode: '0101', majorCode: '01', urgency: 'normal', description: id, address: null, lat: null, lng: null,
    communityId: place.id, compoundId: null, gridId: null, scopePath: place.path, sourceChannel: 'patrol', externalOrderNo: null, reporterKind: 'user',
    reporterUserId: 'worker-1', reporterDisplay: '网格员甲', reporterNameEnc: null, reporterNameMask: null, reporterPhoneEnc: null, reporterPhoneMask: null,
    reporterTokenHash: null, needsConfirmation: false, instanceId: null, templateId: null, instanceVersion: 0, stage: 'reported', stageDueAt: null,
    outcome: null, handlerKind: null, handlerId: null, handlerName: null, possibleDuplicate: false, duplicateCandidates: [], duplicateOf: null,
    deadlineAt: null, originalDeadlineAt: null, pendingUntil: null, reworkCount: 0, returnCount: 0, extensionCount: 0, feedbackCount: 0, suspendedAt: null,
    satisfaction: null, reportedAt: at, acceptedAt: null, registeredAt: null, firstDispatchedAt: null, dispatchedAt: null, signedAt: null, feedbackAt: null,
    verifiedAt: null, confirmedAt: null, closedAt: null, endedAt: null, version: 1, createdAt: at, updatedAt: at, createdBy: null, ...o,
  };
}

/** A registered case: accepted and registered an hour after the report, with a deadline and whatever happened next. */
function registered(id: string, place: { id: string; path: string }, reported: string, deadline: string, o: Partial<IncidentRecord> & { disp?: string; fb?: string; closed?: string } = {}): IncidentRecord {
  const { disp, fb, closed, ...rest } = o;
  const reg = new Date(Date.parse(t(reported)) + 3600_000).toISOString();
  return incident(id, place, reported, {
    acceptedAt: reg, registeredAt: reg, deadlineAt: t(deadline), originalDeadlineAt: t(deadline), stage: 'registered',
    ...(disp ? { firstDispatchedAt: t(disp), dispatchedAt: t(disp), stage: 'handling' } : {}),
    ...(fb ? { feedbackAt: t(fb), feedbackCount: 1 + (rest.reworkCount ?? 0) } : {}),
    ...(closed ? { closedAt: t(closed), endedAt: t(closed), outcome: 'closed', stage: 'closed' } : {}),
    ...rest,
  });
}

beforeAll(async () => {
  env = await makeTestEnv();
  env.clock.set(cst('2026-11-15T09:00:00'));
  regions = await seedRegions(env.db, env.ctx());
  streetAdmin = await env.user([{ roleKey: 'street_admin', scopePath: regions.streetA.path }]);
  communityWorker = await env.user([{ roleKey: 'community_worker', scopePath: regions.communityA.path }]);
  const A = regions.communityA;
  const B = regions.communityB;
  gridId = (await createGrid(env.db, env.ctx(), { communityId: A.id, code: `${A.code}01`, name: '北街一网格', businessLines: ['safety'] })).grid.id;
  const C = regions.communityC;
  const org1 = { handlerKind: 'org' as const, handlerId: 'org-1', handlerName: '物业甲', gridId };
  const comA = { handlerKind: 'community' as const, handlerId: A.id, handlerName: '北街社区' };
  const rows: IncidentRecord[] = [
    registered('A1', A, '10-02T09:00', '10-05T18:00', { disp: '10-02T11:00', fb: '10-04T11:00', closed: '10-05T09:00', ...org1 }),
    registered('A2', A, '10-03T09:00', '10-06T18:00', { disp: '10-03T12:00', fb: '10-07T12:00', closed: '10-08T09:00', reworkCount: 1, ...org1 }),
    registered('A3', A, '10-10T09:00', '10-20T18:00', { disp: '10-10T12:00', fb: '10-12T12:00', closed: '10-21T09:00', reworkCount: 2, ...org1 }),
    registered('A4', A, '10-15T09:00', '10-25T18:00', { disp: '10-15T12:00', ...comA }),
    registered('A5', A, '10-16T09:00', '10-26T18:00', { disp: '10-16T12:00', stage: 'suspended', suspendedAt: t('10-18T09:00'), ...comA }),
    registered('A6', A, '10-17T09:00', '10-27T18:00', { stage: 'cancelled', outcome: 'cancelled', endedAt: t('10-18T09:00') }),
    incident('A7', A, '10-18T09:00', { stage: 'invalid', outcome: 'invalid', endedAt: t('10-18T10:00') }),
    incident('A8', A, '10-19T09:00', { categoryCode: '0102', stage: 'closed', outcome: 'self_handled', closedAt: t('10-19T09:00'), endedAt: t('10-19T09:00') }),
    registered('A9', A, '09-25T09:00', '10-02T18:00', { categoryCode: '0106', disp: '09-25T12:00', fb: '10-01T12:00', closed: '10-02T09:00', ...comA }),
    registered('A10', A, '10-28T09:00', '11-05T18:00', { categoryCode: '0106' }),
    incident('A11', A, '10-20T09:00', { categoryCode: '0106', stage: 'accepted', acceptedAt: t('10-20T10:00') }),
    registered('A12', A, '10-05T09:00', '10-10T18:00', { categoryCode: '0106', disp: '10-05T12:00', fb: '10-09T12:00', closed: '10-11T09:00', outcome: 'closed_unfixed', stage: 'closed_unfixed', ...comA }),
    registered('B1', B, '10-05T09:00', '10-08T18:00', { categoryCode: '0502', disp: '10-05T12:00', fb: '10-06T12:00', closed: '10-07T09:00', handlerKind: 'org', handlerId: 'org-2', handlerName: '物业乙' }),
    incident('B2', B, '10-06T09:00', { categoryCode: '0502', stage: 'invalid', outcome: 'invalid', endedAt: t('10-06T10:00') }),
    registered('C1', C, '10-06T09:00', '10-09T18:00', { disp: '10-06T12:00', fb: '10-07T12:00', closed: '10-08T09:00' }),
  ];
  for (const r of rows) await insertIncident(env.db, r);
});
afterAll(async () => { await env?.close(); });

const kpis = (c: Client, regionId: string, groupBy = 'region') => c.get(`/api/incident-kpis?regionId=${regionId}&from=2026-10-01&to=2026-10-31&groupBy=${groupBy}`);

describe('incident KPIs on a hand-computed fixture', () => {
  it('counts street A by community with the STANDARDS §1.4 formulas', async () => {
    const r = await kpis(streetAdmin, regions.streetA.id);
    expect(r.statusCode).toBe(200);
    const k = r.json();
    const A = k.rows.find((x: { key: string }) => x.key === regions.communityA.id);
    // Community A by hand. Reported in October: A1–A8, A10–A12 (A9 was reported in September) = 11; accepted = 9 (A7 was
    // invalid, A8 solved on the spot); registered = 8 (A11 only accepted). Due in October, i.e. registered, not cancelled,
    // deadline in October: A1 A2 A3 A4 A5 A9 A12 = 7 (A6 cancelled, A10 due in November). Handled: A1 A2 A3 A9 A12 = 5,
    // on time A1 A3 A9 A12 = 4 (A2's feedback came after its deadline). Closed as fixed: A1 A2 A3 A9 = 4, by the deadline
    // A1 A9 = 2 (A2 and A3 closed late); A12 closed as not fixed. Reworks 1 (A2) + 2 (A3) = 3. Overdue and open: A4 (A5 is
    // suspended). Handling hours 48 + 96 + 48 + 144 + 96 = 432.
    expect(A.name).toBe('北街社区');
    expect(A.counts).toEqual({
      reported: 11, valid: 9, invalid: 1, selfHandled: 1, registered: 8, due: 7, suspended: 1, handled: 5, handledOnTime: 4,
      closed: 4, closedOnTime: 2, closedUnfixed: 1, reworks: 3, overdue: 1, handlingHoursSum: 432,
    });
    expect(A.rates).toEqual({
      validReportRate: 9 / 11, registrationRate: 8 / 9, handlingRate: 5 / 7, onTimeHandlingRate: 4 / 7, closingRate: 4 / 7,
      onTimeClosingRate: 2 / 7, onTimeClosingRateExclSuspended: 2 / 6, reworkRate: 3 / 5, avgHandlingHours: 86.4,
    });
    // Community B: B1 handled and closed on time in 24 hours, B2 invalid.
    const B = k.rows.find((x: { key: string }) => x.key === regions.communityB.id);
    expect([B.counts.reported, B.counts.valid, B.counts.due, B.counts.closedOnTime, B.rates.onTimeClosingRate, B.rates.avgHandlingHours]).toEqual([2, 1, 1, 1, 1, 24]);
    // Street A: 按期结案率 = (2 + 1) / (7 + 1) = 37.5%; community C (street B) is not counted.
    expect([k.total.counts.reported, k.total.counts.due, k.total.counts.closedOnTime, k.total.rates.onTimeClosingRate, k.total.rates.reworkRate]).toEqual([13, 8, 3, 0.375, 3 / 6]);
    expect(k.topCategories.map((c: { code: string; count: number }) => `${c.code}:${c.count}`)).toEqual(['0101:6', '0106:3', '0102:1', '0502:1']);
    expect(k.topCategories[0].name.zh).toBe('私搭乱建');
  });

  it('breaks the same numbers down by handling organisation', async () => {
    const k = (await kpis(streetAdmin, regions.streetA.id, 'org')).json();
    const byKey = Object.fromEntries(k.rows.map((x: { key: string; name: string; counts: Record<string, number> }) => [x.key, x]));
    // 物业甲 handled A1–A3: all three late or on time as above; 北街社区 handled A4 A5 A9 A12.
    expect([byKey['org-1'].name, byKey['org-1'].counts.due, byKey['org-1'].counts.handledOnTime, byKey['org-1'].counts.closedOnTime, byKey['org-1'].rates.reworkRate]).toEqual(['物业甲', 3, 2, 1, 1]);
    expect([byKey[regions.communityA.id].counts.due, byKey[regions.communityA.id].counts.overdue, byKey[regions.communityA.id].rates.onTimeClosingRate]).toEqual([4, 1, 1 / 4]);
    expect(byKey['org-2'].counts.closedOnTime).toBe(1);
    // The same three cases lie in the one grid; the rest have none and only count in the total.
    const grids = (await kpis(streetAdmin, regions.streetA.id, 'grid')).json();
    expect(grids.rows.map((x: { key: string; name: string; counts: { due: number; reworks: number } }) => [x.key, x.name, x.counts.due, x.counts.reworks])).toEqual([[gridId, '北街一网格', 3, 3]]);
    expect(grids.total.counts.due).toBe(8);
  });

  it('counts only the places the caller is granted', async () => {
    const k = (await kpis(communityWorker, regions.streetA.id)).json();
    expect(k.total.counts.reported).toBe(11);
    expect(k.rows.find((x: { key: string }) => x.key === regions.communityB.id).counts.reported).toBe(0);
    const bad = await communityWorker.get(`/api/incident-kpis?regionId=${regions.streetA.id}&from=2026-10-31&to=2026-10-01`);
    expect([bad.statusCode, bad.json().error.fields[0].code]).toEqual([400, 'DATE_ORDER']);
    expect((await communityWorker.get(`/api/incident-kpis?regionId=${regions.streetB.id}&from=2026-10-01&to=2026-10-31`)).statusCode).toBe(404);
  });
});
