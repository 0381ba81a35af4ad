import type { Db } from '../../db/database.ts';
import { inTx } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Keyring } from '../../lib/crypto.ts';
import type { Ctx } from '../../lib/context.ts';
import { SYSTEM_ACTOR } from '../accounts/actor.ts';
import { createUserWithGrants, generatePassword } from '../accounts/index.ts';
import * as registry from '../registry/index.ts';
import * as orgs from '../orgs/index.ts';
import { seedDeliberation, type DeliberationPlaces } from './demo.deliberation.ts';
import { seedIncidents } from './demo.incidents.ts';
import { birthDate, compoundName, demoPlaces, Dice, HOUSING_TYPE_WEIGHTS, idNumber, mobile, personName, PROPERTY_MODE_WEIGHTS, rng } from './demo-city.ts';

/** What a demo load created, for the console. */
export interface DemoResult {
  summary: string;
  accounts: { username: string; role: string; password: string }[];
}

const GRID_LINES = [['safety', 'fire', 'public_order'], ['environment', 'sanitation', 'services'], ['public_order', 'petition', 'services', 'safety']];
const UNIT_NAMES = ['市财政局机关党支部', '市住建局机关党委', '市税务局第二党支部', '国网供电公司党委', '市人民医院党委', '市第一中学党总支', '市水务集团党委', '市公安局某分局党委', '市民政局机关党支部', '市文旅局机关党支部', '建设银行分行党委', '市城管执法局党委'];
const PROPERTY_COMPANIES = ['锦城物业服务有限公司', '嘉和物业管理有限公司', '临江物业服务集团', '安居物业服务有限公司', '泓源物业管理有限公司'];
const REF_YEAR = 2026;
/** The community and street the demo accounts work in, where the deliberation story is told. */
const DEMO_COMMUNITY = '515102001001';
const DEMO_STREET = '515102001';

/** Whether the registry holds anything: demo data goes only into an empty one. */
export async function registryEmpty(db: Db): Promise<boolean> {
  const r = await db.selectFrom('region').select('id').limit(1).executeTakeFirst();
  return !r;
}

/**
 * Loads the fictional demo city (a district of ~1,250 old compounds, a county of 195, a town with villages): regions,
 * grids, compounds, households, residents with valid synthetic ID numbers, party branches, committees, property projects,
 * volunteer teams, positions with cross-appointments, pairings and work plans; deterministic (fixed seed). Returns null
 * when the registry is not empty. Everything goes through the modules' services, in one transaction.
 */
export async function loadDemoIfEmpty(db: Db, deps: { keys: Keyring; clock: Clock }, opts: { householdsPerCompound?: number } = {}): Promise<DemoResult | null> {
  if (!(await registryEmpty(db))) return null;
  const ctx: Ctx = { actor: SYSTEM_ACTOR, ...deps };
  const d = new Dice(rng(1249));
  const perCompound = opts.householdsPerCompound ?? 6;
  const counts = { regions: 0, grids: 0, compounds: 0, households: 0, residents: 0, orgs: 0, positions: 0, pairings: 0 };
  const placeIds = new Map<string, { id: string; path: string }>();
  const seenIds = new Set<string>();
  const story: DeliberationPlaces = { home: [], street: [] };
  await inTx(db, async (tx) => {
    const unitOrgs: string[] = [];
    for (const p of demoPlaces()) {
      const parent = p.parent ? placeIds.get(p.parent)! : null;
      const { region } = await registry.createRegion(tx, ctx, { id: d.uuid(), code: p.code, name: p.name, level: p.level, parentId: parent?.id ?? null });
      placeIds.set(p.code, { id: region.id, path: region.scopePath });
      counts.regions++;
      if (p.level === 'county') {
        for (let u = 0; u < 4; u++) {
          const { org } = await orgs.createOrg(tx, ctx, { id: d.uuid(), type: 'resident_unit', name: `${p.name.slice(0, 2)}${d.pick(UNIT_NAMES)}`, regionId: region.id });
          unitOrgs.push(org.id);
          counts.orgs++;
        }
      }
      if (p.level !== 'community' || !p.compounds) continue;
      const gridIds: string[] = [];
      const gridCount = Math.max(1, Math.min(4, Math.ceil(p.compounds / 5)));
      for (let g = 1; g <= gridCount; g++) {
        const { grid } = await registry.createGrid(tx, ctx, { id: d.uuid(), communityId: region.id, code: `${p.code}${String(g).padStart(2, '0')}`, name: `第${g}网格`, businessLines: GRID_LINES[g % GRID_LINES.length] });
        await registry.addGridWorker(tx, ctx, grid.id, { name: personName(d), phone: mobile(d), duty: 'worker', startOn: '2024-01-01' });
        gridIds.push(grid.id);
        counts.grids++;
      }
      const compounds = Array.from({ length: p.compounds }, (_, i) => {
        const housingType = d.weighted(HOUSING_TYPE_WEIGHTS);
        const propertyMode = housingType === 'commodity' && d.chance(0.6) ? 'market' : d.weighted(PROPERTY_MODE_WEIGHTS);
        const buildYear = d.int(1978, 2005);
        const buildings = d.int(1, 12);
        return {
          id: d.uuid(), communityId: region.id, name: compoundName(d, housingType, i), address: `${p.name.replace('社区', '')}路${d.int(1, 300)}号`,
          housingType, buildYear, buildingCount: buildings, householdCount: buildings * d.int(12, 36), floorArea: buildings * d.int(1500, 4200),
          enclosed: d.chance(0.45), feeCollectionRate: propertyMode === 'self_managed' ? null : Math.round((0.45 + d.next() * 0.5) * 100) / 100,
          renovationYear: d.chance(0.8) ? d.pick([2022, 2023]) : null, propertyMode, lat: 30.78 + d.next() * 0.12, lng: 106.05 + d.next() * 0.14,
          gridId: gridIds[i % gridIds.length], note: null,
        } as registry.CompoundValue;
      });
      await registry.bulkCreateCompounds(tx, ctx, compounds);
      counts.compounds += compounds.length;
      for (const c of compounds) {
        const companyId = await seedCompound(tx, ctx, d, c, p.code.slice(0, 6), perCompound, unitOrgs, counts, seenIds);
        if (p.code === DEMO_COMMUNITY) story.home.push({ id: c.id!, companyId });
        if (p.code.startsWith(DEMO_STREET)) story.street.push(c.id!);
      }
    }
  });
  const { accounts, userIds } = await demoAccounts(db, deps, placeIds);
  accounts.push(...(await seedDeliberation(db, deps, d, story, userIds)));
  accounts.push(...(await seedIncidents(db, deps, story, userIds)));
  return {
    summary: `${counts.regions} regions, ${counts.grids} grids, ${counts.compounds} compounds, ${counts.households} households, ${counts.residents} residents, ${counts.orgs} organisations, ${counts.positions} positions, ${counts.pairings} pairings`,
    accounts,
  };
}

function uniqueId(d: Dice, seen: Set<string>, countyCode: string, birth: string, gender: 'male' | 'female'): string {
  for (;;) {
    const id = idNumber(d, countyCode, birth, gender);
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
  }
}

/** Seeds one compound's households, residents and organisations; returns its property company, if it has one. */
async function seedCompound(tx: Db, ctx: Ctx, d: Dice, c: registry.CompoundValue, countyCode: string, perCompound: number, unitOrgs: string[], counts: Record<string, number>, seenIds: Set<string>): Promise<string | null> {
  const households = Array.from({ length: perCompound }, (_, h) => ({
    id: d.uuid(), compoundId: c.id!, buildingId: null, buildingName: `${(h % Math.max(1, c.buildingCount ?? 1)) + 1}幢`, unit: String((h % 2) + 1),
    room: `${Math.floor(h / 2) + 1}0${(h % 2) + 1}`, status: d.chance(0.85) ? 'resident' : d.pick(['away', 'vacant']), headResidentId: null, gridId: c.gridId, area: d.int(45, 120),
  } as registry.HouseholdValue));
  await registry.bulkCreateHouseholds(tx, ctx, households);
  counts.households += households.length;
  const residents: registry.ResidentValue[] = [];
  for (const h of households) {
    if (h.status === 'vacant') continue;
    const size = d.int(1, 4);
    for (let r = 0; r < size; r++) {
      const gender = d.chance(0.5) ? 'male' : 'female';
      const birth = r < 2 ? birthDate(d, REF_YEAR, 30, 88) : birthDate(d, REF_YEAR, 2, 30);
      const age = REF_YEAR - Number(birth.slice(0, 4));
      const tags = age >= 75 && size === 1 ? ['elderly_alone'] : d.chance(0.03) ? ['hardship'] : d.chance(0.02) ? ['disabled'] : [];
      residents.push({
        id: d.uuid(), compoundId: c.id, householdId: h.id, name: personName(d), gender, birthDate: birth,
        idNumber: uniqueId(d, seenIds, countyCode, birth, gender), phone: age >= 16 ? mobile(d) : null,
        politicalStatus: age >= 18 && d.chance(0.14) ? '01' : age < 28 && age >= 14 && d.chance(0.3) ? '03' : '13',
        relation: r === 0 ? '02' : r === 1 ? '10' : gender === 'male' ? '20' : '30', protectedTags: tags, movedOutOn: null,
      } as unknown as registry.ResidentValue);
    }
  }
  await registry.bulkCreateResidents(tx, ctx, residents);
  counts.residents += residents.length;
  const adults = residents.filter((r) => r.birthDate && REF_YEAR - Number(r.birthDate.slice(0, 4)) >= 25);
  const members = adults.filter((r) => r.politicalStatus === '01');
  const people = new Map<string, string>();
  const personOf = async (r: registry.ResidentValue): Promise<string> => {
    const known = people.get(r.id!);
    if (known) return known;
    const id = (await orgs.createPerson(tx, ctx, { id: d.uuid(), residentId: r.id, isOwner: true })).person.id;
    people.set(r.id!, id);
    return id;
  };

  if (d.chance(0.92)) await registry.createDocument(tx, ctx, c.id!, { id: d.uuid(), kind: 'work_plan', title: `${c.name}治理工作方案`, adoptedOn: `2023-0${d.int(1, 9)}-1${d.int(0, 9)}` });
  // One compound, one party organisation: a branch where there are three full members, else joined into a joint branch.
  const branchType = members.length >= 3 ? 'branch' : 'joint_branch';
  const { org: branch } = await orgs.createOrg(tx, ctx, { id: d.uuid(), type: branchType, name: `${c.name}${branchType === 'branch' ? '党支部' : '联合党支部'}`, compoundId: c.id!, foundedOn: '2022-0' + d.int(3, 9) + '-01', termStart: '2022-06-01', termEnd: d.chance(0.1) ? '2026-12-20' : '2027-05-31' });
  counts.orgs++;
  const secretary = members[0] ?? adults[0];
  const branchPeople: string[] = [];
  for (const [i, m] of members.slice(0, 5).entries()) {
    const pid = await personOf(m);
    branchPeople.push(pid);
    await orgs.createPosition(tx, ctx, branch.id, { id: d.uuid(), personId: pid, post: i === 0 ? 'secretary' : i < 3 ? 'committee_member' : 'member', membership: 'full', startOn: '2022-06-01' });
    counts.positions++;
  }
  if (c.housingType === 'commodity' || d.chance(0.35)) {
    const type = c.housingType === 'commodity' ? 'owners_committee' : c.housingType === 'cooperative' ? 'self_management_committee' : 'courtyard_committee';
    const { org: committee } = await orgs.createOrg(tx, ctx, { id: d.uuid(), type, name: `${c.name}${type === 'owners_committee' ? '业主委员会' : type === 'courtyard_committee' ? '院委会' : '自管委'}`, compoundId: c.id!, foundedOn: '2023-03-01', filedOn: '2023-03-20', termStart: '2023-03-01', termEnd: '2028-02-28' });
    counts.orgs++;
    const size = d.pick([5, 5, 7, 7, 9]);
    const seats = adults.slice(0, size);
    for (const [i, s] of seats.entries()) {
      // Cross-appointment: the party secretary often chairs the committee (交叉任职).
      const pid = i === 0 && secretary && d.chance(0.35) ? await personOf(secretary) : await personOf(s);
      await orgs.createPosition(tx, ctx, committee.id, { id: d.uuid(), personId: pid, post: i === 0 ? 'chair' : i === 1 ? 'vice_chair' : 'member', startOn: '2023-03-01' });
      counts.positions++;
    }
  }
  let companyId: string | null = null;
  if (c.propertyMode === 'market' || c.propertyMode === 'soe_backstop') {
    const { org: company } = await orgs.createOrg(tx, ctx, { id: d.uuid(), type: 'property_company', name: `${d.pick(PROPERTY_COMPANIES)}（${c.name}项目部）`, compoundId: c.id! });
    counts.orgs++;
    companyId = company.id;
    const manager = (await orgs.createPerson(tx, ctx, { id: d.uuid(), compoundId: c.id!, name: personName(d), politicalStatus: d.chance(0.5) ? '01' : '13', phone: mobile(d) })).person;
    await orgs.createPosition(tx, ctx, company.id, { id: d.uuid(), personId: manager.id, post: 'project_manager', startOn: '2023-01-01' });
    counts.positions++;
    if (manager.politicalStatus === '01') {
      await orgs.createPosition(tx, ctx, branch.id, { id: d.uuid(), personId: manager.id, post: 'committee_member', membership: 'full', partTime: true, startOn: '2023-01-01' });
      counts.positions++;
    }
  }
  if (d.chance(0.9)) {
    const { org: team } = await orgs.createOrg(tx, ctx, { id: d.uuid(), type: 'volunteer_team', name: `${c.name}党员志愿服务队`, compoundId: c.id! });
    counts.orgs++;
    if (branchPeople[0]) {
      await orgs.createPosition(tx, ctx, team.id, { id: d.uuid(), personId: branchPeople[0], post: 'leader', startOn: '2023-01-01' });
      counts.positions++;
    }
  }
  if (d.chance(0.88)) {
    await orgs.createPairing(tx, ctx, { id: d.uuid(), kind: 'responsible_leader', partnerKind: 'leader', partnerName: `${personName(d)}（${d.pick(['副区长', '局长', '街道党工委书记', '副县长'])}）`, targetCompoundId: c.id!, startOn: '2023-02-01' });
    counts.pairings++;
  }
  if (d.chance(0.85) && unitOrgs.length) {
    await orgs.createPairing(tx, ctx, { id: d.uuid(), kind: d.chance(0.5) ? 'contact_unit' : 'co_building', partnerKind: 'unit', partnerOrgId: d.pick(unitOrgs), targetCompoundId: c.id!, startOn: '2023-02-01' });
    counts.pairings++;
  }
  return companyId;
}

async function demoAccounts(db: Db, deps: { keys: Keyring; clock: Clock }, places: Map<string, { id: string; path: string }>) {
  const out: { username: string; role: string; password: string }[] = [];
  const userIds = new Map<string, string>();
  const names = new Map(demoPlaces().map((p) => [p.code, p.name]));
  const street = names.get('515102001') ?? '';
  const plan = [
    { username: 'leader', displayName: '市委组织部（只读）', roleKey: 'leader', code: '515100' },
    { username: 'street', displayName: `${street} 管理员`, roleKey: 'street_admin', code: '515102001' },
    { username: 'worker', displayName: `${street}${names.get('515102001001') ?? ''} 社区工作者`, roleKey: 'community_worker', code: '515102001001' },
    { username: 'worker2', displayName: `${street}${names.get('515102001002') ?? ''} 社区工作者`, roleKey: 'community_worker', code: '515102001002' },
    { username: 'gridman', displayName: `${names.get('515102001001') ?? ''} 网格员`, roleKey: 'grid_worker', code: '515102001001' },
  ];
  for (const p of plan) {
    const place = places.get(p.code);
    if (!place) continue;
    const password = generatePassword();
    const id = await createUserWithGrants(db, deps, { username: p.username, displayName: p.displayName, password, grants: [{ roleKey: p.roleKey, scopePath: place.path }] });
    userIds.set(p.username, id);
    out.push({ username: p.username, role: p.roleKey, password });
  }
  return { accounts: out, userIds };
}
