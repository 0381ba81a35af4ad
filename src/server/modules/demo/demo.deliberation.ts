import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Keyring } from '../../lib/crypto.ts';
import type { Ctx } from '../../lib/context.ts';
import { SYSTEM_ACTOR } from '../accounts/actor.ts';
import { actorFor, createUserWithGrants, generatePassword } from '../accounts/index.ts';
import * as delib from '../deliberation/index.ts';
import { ensurePresets } from '../methods/index.ts';
import { findCompoundRef } from '../registry/index.ts';
import { mobile, personName, type Dice } from './demo-city.ts';

/** The compounds of the demo district a deliberation story is told in, with their property companies. */
export interface DeliberationPlaces {
  /** Compounds of the demo community (515102001001), in creation order. */
  home: { id: string; companyId: string | null }[];
  /** Every compound of the demo street (515102001), for meetings that feed the monthly report. */
  street: string[];
}

type Acct = { username: string; role: string; password: string };

const OPINIONS: [string, string, string][] = [
  ['东门外晚上乱停车，消防通道经常被堵，希望划线并安排巡查。', 'parking', 'visit'],
  ['3 幢楼道堆满旧家具和纸箱，老人上下楼不方便，也有火灾隐患。', 'safety', 'door_knocking'],
  ['中心绿地被人种了菜，浇粪水气味大，希望恢复绿化。', 'greening', 'wechat'],
  ['屋面漏水好几年了，顶楼住户希望用维修资金统一做防水。', 'maintenance_fund', 'phone'],
  ['小区路灯坏了三盏，晚上散步看不清路。', 'facilities', 'online'],
  ['希望在活动室开设老年人助餐点。', 'elderly_children', 'visit'],
  ['快递车在主干道卸货，早上送孩子上学很危险。', 'safety', 'wechat'],
  ['物业收费标准和服务内容能否公示？', 'property', 'online'],
  ['垃圾分类亭的位置离单元门太近，夏天有异味。', 'environment', 'door_knocking'],
  ['电动车在楼道里充电，担心起火。', 'safety', 'phone'],
  ['希望加装电梯，老人爬楼困难。', 'elevator', 'visit'],
  ['篮球场晚上十点后还有人打球，影响休息。', 'neighbourhood', 'wechat'],
];

/**
 * Tells the deliberation story in the demo community: a 1+5+N member pool, resident opinions over the past weeks, a joint
 * talk (联手说事) run to its published result, a five-discussions (五议) matter decided on an owners' vote under 民法典
 * art. 278, matters still running, and held meetings across the street so the monthly report has something to show.
 * Acts as the demo users, so timelines name real people. Adds the `secretary` demo account (the talk leader).
 */
export async function seedDeliberation(db: Db, deps: { keys: Keyring; clock: Clock }, d: Dice, places: DeliberationPlaces, users: Map<string, string>): Promise<Acct[]> {
  const [a, b] = places.home;
  if (!a) return [];
  await ensurePresets(db, deps.clock);
  const compound = (await findCompoundRef(db, a.id))!;
  const password = generatePassword();
  const secretaryId = await createUserWithGrants(db, deps, { username: 'secretary', displayName: '王书记（小区党支部书记）', password, grants: [{ roleKey: 'compound_secretary', scopePath: compound.scopePath }] });
  const as = async (userId: string | undefined): Promise<Ctx> => ({ actor: (userId && (await actorFor(db, userId, 'user', null, null))) || SYSTEM_ACTOR, ...deps });
  const sys: Ctx = { actor: SYSTEM_ACTOR, ...deps };
  const sec = await as(secretaryId);
  const worker = await as(users.get('worker'));
  const now = deps.clock.now().getTime();
  const daysAgo = (n: number, hour = 19) => new Date(now - n * 86_400_000 + (hour - 12) * 3_600_000).toISOString();

  await seedPool(db, sys, d, a.id, { worker: users.get('worker') ?? null, gridman: users.get('gridman') ?? null, secretary: secretaryId, companyId: a.companyId });
  if (b) await seedPool(db, sys, d, b.id, { worker: users.get('worker') ?? null, gridman: users.get('gridman') ?? null, secretary: null, companyId: b.companyId });

  const opinionIds: string[] = [];
  for (const [i, [content, category, channel]] of OPINIONS.entries()) {
    const target = i % 4 === 3 && b ? b.id : a.id;
    const { opinion } = await delib.createOpinion(db, worker, {
      id: d.uuid(), compoundId: target, content, category, channel, receivedAt: daysAgo(2 + i * 2),
      residentName: i % 3 === 0 ? personName(d) : null, phone: i % 2 === 0 ? mobile(d) : null,
    });
    if (target === a.id) opinionIds.push(opinion.id);
    if (i === 4 || i === 7) await delib.answerOpinion(db, worker, opinion.id, { answer: '已转物业核实，三个工作日内答复。', version: opinion.version });
  }

  // 联手说事, run to its published result: east-gate parking.
  const executorIds = [secretaryId];
  const talk = (await delib.createMatter(db, sec, {
    id: d.uuid(), compoundId: a.id, title: '东门停车秩序整治', description: '居民反映东门外乱停车，堵塞消防通道。', category: 'parking', source: 'resident_opinion',
    methodKey: 'lianshou', executorOrgId: a.companyId, leaderUserId: secretaryId, executorUserIds: executorIds, opinionIds: [opinionIds[0]!],
  })).matter;
  const proposal = await delib.proposeForMatter(db, sec, talk.id);
  await delib.setParticipants(db, sec, talk.id, { participants: proposal.participants.map((p) => ({ memberId: p.memberId })), version: talk.version });
  let m = await delib.fireMatterEvent(db, sec, talk.id, { event: 'collect', input: { topic: '东门停车秩序：划线、巡查、临时停车收费标准' }, version: talk.instanceVersion });
  const bench = (await delib.createMeeting(db, sec, { id: d.uuid(), compoundId: a.id, matterId: talk.id, purpose: 'deliberation', form: 'bench', title: '东门停车秩序板凳会', startsAt: daysAgo(6, 19), place: '东门小广场' })).meeting;
  for (const at of bench.attendees.slice(0, 6)) await delib.signIn(db, sec, bench.id, { memberId: at.memberId! });
  await delib.signIn(db, sec, bench.id, { name: '3 幢住户代表', kind: 'resident' });
  let meeting = await delib.getMeeting(db, sec, bench.id);
  meeting = await delib.updateMeeting(db, sec, bench.id, { minutes: '与会 7 人。物业提出划线方案，居民代表建议夜间巡查，民警提示消防通道禁停。', decisions: '东门外划定 24 个车位；消防通道设禁停标志；物业每晚巡查。', version: meeting.version });
  await delib.recordVote(db, sec, bench.id, { id: d.uuid(), matterId: talk.id, kind: 'simple', eligible: 7, votesFor: 6, votesAgainst: 0, votesAbstain: 1 });
  await delib.markHeld(db, sec, bench.id, { version: meeting.version });
  m = await delib.fireMatterEvent(db, sec, talk.id, {
    event: 'discuss', version: m.instanceVersion,
    input: { form: 'bench', minutes: '板凳会商定划线、标志、巡查三项措施。', measures: '东门外划定 24 个车位；消防通道设禁停标志；物业每晚巡查。', vote: { for: 6, against: 0, abstain: 1, eligible: 7 } },
  });
  await delib.createAction(db, sec, talk.id, { id: d.uuid(), title: '施划车位线、安装禁停标志', executorOrgId: a.companyId, dueDate: daysAgo(-10).slice(0, 10) });
  m = await delib.fireMatterEvent(db, sec, talk.id, { event: 'resolve', input: { result: '已施划 24 个车位，消防通道两处禁停标志已安装，物业夜间巡查已排班。' }, version: m.instanceVersion });
  m = await delib.fireMatterEvent(db, sec, talk.id, { event: 'evaluate', input: { satisfaction: 5, opinion: '居民普遍满意，通道畅通了。' }, version: m.instanceVersion });
  await delib.fireMatterEvent(db, sec, talk.id, { event: 'publish', input: { summary: '东门停车秩序整治已完成，结果在公示栏和微信群公开。' }, version: m.instanceVersion });

  // 五议 on the maintenance fund (art. 278 item 5): proposed, consulted, decided on an owners' vote, now executing.
  const fund = (await delib.createMatter(db, sec, {
    id: d.uuid(), compoundId: a.id, title: '使用专项维修资金做屋面防水', category: 'maintenance_fund', source: 'resident_opinion', methodKey: 'wuyi',
    executorOrgId: a.companyId, leaderUserId: secretaryId, executorUserIds: executorIds, jointDecisionItem: 5, opinionIds: [opinionIds[3] ?? opinionIds[0]!],
  })).matter;
  m = await delib.fireMatterEvent(db, sec, fund.id, { event: 'propose', input: { proposal: '顶楼漏水，提议使用专项维修资金统一做屋面防水。' }, version: fund.instanceVersion });
  m = await delib.fireMatterEvent(db, sec, fund.id, { event: 'consult', input: { minutes: '业主代表、物业、业委会协商，形成维修方案和预算。' }, version: m.instanceVersion });
  const assembly = (await delib.createMeeting(db, sec, { id: d.uuid(), compoundId: a.id, matterId: fund.id, purpose: 'deliberation', form: 'together', title: '屋面防水业主表决会', startsAt: daysAgo(3, 15), place: '小区党群服务站' })).meeting;
  for (const who of ['业委会主任', '物业项目经理', '1 幢业主代表', '4 幢业主代表']) await delib.signIn(db, sec, assembly.id, { name: who, kind: 'resident' });
  await delib.recordVote(db, sec, assembly.id, {
    id: d.uuid(), matterId: fund.id, kind: 'owners', ownersItem: 5, totalArea: '12600.00', totalOwners: 144,
    participatingArea: '9800.50', participatingOwners: 112, yesArea: '8650.00', yesOwners: 98, noArea: '620.00', noOwners: 8,
  });
  meeting = await delib.getMeeting(db, sec, assembly.id);
  meeting = await delib.updateMeeting(db, sec, assembly.id, { minutes: '112 户参与表决，98 户同意。', decisions: '同意使用专项维修资金实施屋面防水。', version: meeting.version });
  await delib.markHeld(db, sec, assembly.id, { version: meeting.version });
  await delib.fireMatterEvent(db, worker, fund.id, {
    event: 'decide', input: { decision: '同意使用专项维修资金实施 1–6 幢屋面防水，预算 38 万元，由物业组织施工。', due_date: daysAgo(-30).slice(0, 10) }, version: m.instanceVersion,
  });

  // Matters still at the start of their method.
  const clutter = (await delib.createMatter(db, sec, {
    id: d.uuid(), compoundId: a.id, title: '楼道堆物清理', category: 'safety', source: 'grid_report', methodKey: 'lianshou', leaderUserId: secretaryId, opinionIds: [opinionIds[1] ?? opinionIds[0]!],
  })).matter;
  await delib.fireMatterEvent(db, sec, clutter.id, { event: 'collect', input: { topic: '3 幢、5 幢楼道堆物与电动车充电' }, version: clutter.instanceVersion });
  await delib.createMatter(db, sec, { id: d.uuid(), compoundId: a.id, title: '中心绿地种菜整治', category: 'greening', source: 'resident_opinion', methodKey: 'wuyi', leaderUserId: secretaryId, opinionIds: [opinionIds[2] ?? opinionIds[0]!] });

  // Consultations and policy sessions across the street this month; about a third of the compounds held none.
  for (const [i, id] of places.street.entries()) {
    if (id === a.id || d.chance(0.35)) continue;
    const policy = i % 7 === 0;
    const { meeting: mt } = await delib.createMeeting(db, sys, {
      id: d.uuid(), compoundId: id, purpose: policy ? 'policy_promotion' : 'deliberation', form: d.pick(['together', 'seminar', 'online', 'bench', 'kang']),
      title: policy ? '政策宣讲：老旧小区改造' : '院落议事会', startsAt: daysAgo(d.int(1, 20), 19), place: '院落活动室',
    });
    await delib.signIn(db, sys, mt.id, { name: '居民代表', kind: 'resident' });
    const edited = await delib.updateMeeting(db, sys, mt.id, { minutes: '与会居民围绕院落环境、停车、活动室使用议事。', version: mt.version });
    await delib.markHeld(db, sys, mt.id, { version: edited.version });
  }
  return [{ username: 'secretary', role: 'compound_secretary', password }];
}

async function seedPool(db: Db, ctx: Ctx, d: Dice, compoundId: string, links: { worker: string | null; gridman: string | null; secretary: string | null; companyId: string | null }): Promise<void> {
  const plan: { kind: string; title: string; expertise: string[]; userId?: string | null; orgId?: string | null }[] = [
    { kind: 'community_secretary', title: '社区党委书记', expertise: ['policy', 'neighbourhood'] },
    { kind: 'community_cadre', title: '社区居委会委员', expertise: ['property', 'parking'], userId: links.worker },
    { kind: 'party_member_rep', title: '党员代表', expertise: ['greening', 'environment'], userId: links.secretary },
    { kind: 'resident_rep', title: '居民代表（楼栋长）', expertise: ['parking', 'safety', 'facilities'] },
    { kind: 'resident_rep', title: '居民代表', expertise: ['elderly_children'] },
    { kind: 'grid_worker', title: '网格员', expertise: ['safety', 'environment'], userId: links.gridman },
    { kind: 'police_officer', title: '社区民警', expertise: ['safety', 'parking'] },
    { kind: 'retired_cadre', title: '退休干部', expertise: ['maintenance_fund', 'renovation'] },
    { kind: 'interested_party', title: '物业项目经理', expertise: ['property', 'parking', 'maintenance_fund'], orgId: links.companyId },
    { kind: 'department', title: '区住建局物业科', expertise: ['property', 'maintenance_fund', 'elevator', 'renovation'] },
    { kind: 'department', title: '街道城管中队', expertise: ['greening', 'environment', 'parking'] },
  ];
  for (const p of plan) {
    await delib.createMember(db, ctx, { id: d.uuid(), compoundId, kind: p.kind, name: personName(d), title: p.title, expertise: p.expertise, userId: p.userId ?? null, orgId: p.orgId ?? null, phone: mobile(d) });
  }
}
