import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { IncidentDetail, SourceChannel } from '../../../shared/incidents.ts';
import { inTx, type Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Keyring } from '../../lib/crypto.ts';
import type { Ctx } from '../../lib/context.ts';
import { SYSTEM_ACTOR, type Actor } from '../accounts/actor.ts';
import { actorFor, createUserWithGrants, generatePassword } from '../accounts/index.ts';
import { addHandler, CATEGORIES_V1, fireIncidentEvent, publishCategoryVersion, reportIncident } from '../incidents/index.ts';
import { uploadAttachment } from '../methods/index.ts';
import { createOrg } from '../orgs/index.ts';
import { findRegionByCode, listCompounds, listRegions } from '../registry/index.ts';
import type { DeliberationPlaces } from './demo.deliberation.ts';
import { Dice, rng } from './demo-city.ts';

type Acct = { username: string; role: string; password: string };
/** The demo runtime: the CLI passes its whole runtime, whose config says where uploaded photos are kept. */
type Deps = { keys: Keyring; clock: Clock; config?: { dataDir: string; uploadLimitBytes: number } };

const STREET = '515102001';
const HOME = '515102001001';
const SECOND = '515102001002';
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** What grid workers and residents report in the demo street: 小类, weight, descriptions. */
const PROBLEMS: [string, number, string[]][] = [
  ['0106', 14, ['{b}楼道堆放旧家具和纸箱，影响通行', '{b}一楼楼梯间堆满杂物，住户反映有火灾隐患', '{b}楼道内停放电动车并私拉电线充电']],
  ['0102', 10, ['{c}垃圾分类亭旁垃圾满溢，未及时清运', '{c}东侧空地有人倾倒生活垃圾']],
  ['0505', 8, ['{c}消防通道被私家车占用，车辆无法通行', '{c}北门消防通道堆放建材']],
  ['0107', 6, ['{c}中心绿地被人开垦种菜，浇粪水气味大', '{b}楼前绿化带被改成菜地']],
  ['0108', 5, ['{b}顶楼住户在屋面违章搭建彩钢棚', '{c}一楼住户在院内扩建违章房屋']],
  ['0201', 6, ['{b}单元门和楼道墙面被张贴大量小广告', '{c}电线杆上喷涂办证小广告']],
  ['0104', 5, ['{c}主干道路面油污，雨天容易打滑', '{c}门口路面泥土堆积']],
  ['0301', 4, ['{c}旁边工地夜间施工噪音扰民', '{c}改造工程周末早上 6 点就开工']],
  ['0401', 3, ['{b}楼下供水管道破裂，路面大量积水', '{c}主干道下水管爆裂']],
  ['0404', 3, ['{b}配电箱电线老化冒火花', '{c}地下室堆放易燃物品']],
  ['0502', 5, ['{c}门口早市占道经营，影响车辆进出', '{c}小区门口流动摊贩占用人行道']],
  ['0601', 4, ['{b}楼上楼下因漏水问题发生争执', '{c}邻里因停车位发生口角']],
  ['0699', 3, ['{c}小区健身器材损坏，存在安全隐患', '{b}单元门禁损坏无法关闭']],
];
/** 小类 whose routing ends at the community: only communities with a demo account to handle them get them. */
const COMMUNITY_HANDLED = new Set(['0601', '0699']);
const RESULTS = ['已现场清理完毕，恢复通行', '已联系责任人整改到位', '已清运并消毒，现场整洁', '已拆除并恢复原状', '已完成维修，经测试正常', '已劝离并设置提示牌', '已调解，双方达成一致'];
const REASONS_FAIL = ['现场复查仍有部分杂物未清理', '整改不彻底，问题反弹'];

/** A small PNG: a soft gradient with a darker blob (before) or a plain lighter field (after), so photos look like photos in the gallery. */
function demoPhoto(seed: number, after: boolean): Buffer {
  const w = 160;
  const h = 120;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  const base = after ? [150 + (seed % 3) * 20, 190, 160] : [170, 150 + (seed % 4) * 12, 120];
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const blob = !after && (x - 60 - seed * 9) ** 2 + (y - 70) ** 2 < 900 ? 0.45 : 1;
      const shade = (0.75 + 0.25 * (y / h)) * blob;
      raw[o] = Math.round(base[0] * shade);
      raw[o + 1] = Math.round(base[1] * shade);
      raw[o + 2] = Math.round(base[2] * shade);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** How one demo incident goes: where it stops, and which special path of the loop it takes. */
type Kind = 'normal' | 'late' | 'stuck' | 'self' | 'invalid' | 'rework' | 'unfixed' | 'extension' | 'suspended' | 'returned' | 'reopened' | 'cancelled';

interface Plan {
  at: number;
  community: 'home' | 'second' | 'other';
  compound: { id: string; name: string; address: string | null; lat: number | null; lng: number | null; scopePath: string };
  code: string;
  /** A description pattern of PROBLEMS, filled in with the compound when reported. */
  text: string;
  building: number;
  channel: SourceChannel;
  reporter: string;
  kind: Kind;
  /** Recent cases stop after this event, so the desk and the board have work in every column. */
  stopAfter: string | null;
}

/**
 * Grid incidents in the demo street over the past two months, told through the loop as the demo users: the grid worker
 * `gridman` reports on patrol and verifies, community workers accept, register and dispatch, three street offices and a
 * property company (with handler accounts) sign, handle and report back with photos. Most close on time; some run late,
 * some are still overdue, one is reworked, one closed as not fixed, one extended, one suspended, one returned for
 * re-routing, one reopened by the hotline caller, some solved on the spot, some refused or merged as duplicates, and
 * the last days' reports wait at every step. Publishes category version 2 with the street's routing rules.
 */
export async function seedIncidents(db: Db, deps: Deps, places: DeliberationPlaces, users: Map<string, string>): Promise<Acct[]> {
  // One transaction for the lot, as the registry load does: some 1,700 small commits would otherwise dominate the time.
  return inTx(db, (tx) => seedIn(tx, deps, places, users));
}

async function seedIn(db: Db, deps: Deps, places: DeliberationPlaces, users: Map<string, string>): Promise<Acct[]> {
  const street = await findRegionByCode(db, STREET);
  const home = places.home[0];
  // The first compound of the demo community with a property company: its stairwell clutter goes to the company.
  const managed = places.home.find((h) => h.companyId) ?? null;
  if (!street || !home || !users.get('gridman') || !users.get('worker')) return [];
  const d = new Dice(rng(5151));
  const now = deps.clock.now().getTime();
  const setup: Ctx = { actor: SYSTEM_ACTOR, keys: deps.keys, clock: { now: () => new Date(now - 62 * DAY) } };
  const prefix = street.name;

  // Handling offices of the street, and the people acting for them.
  const office = async (name: string) => (await createOrg(db, setup, { id: d.uuid(), type: 'government_department', name: `${prefix}${name}`, regionId: street.id })).org.id;
  const orgs = { enforcement: await office('综合行政执法中队'), sanitation: await office('环境卫生管理所'), emergency: await office('应急管理办公室') };
  const accounts: Acct[] = [];
  const handlerPlan: [string, string, string | null][] = [
    ['chengguan', `${prefix}综合行政执法中队 李队员`, orgs.enforcement],
    ['huanwei', `${prefix}环境卫生管理所 赵所员`, orgs.sanitation],
    ['yingji', `${prefix}应急管理办公室 孙干事`, orgs.emergency],
    ['wuye', '物业项目部 周经理', managed?.companyId ?? null],
  ];
  const actors = new Map<string, Actor>();
  for (const [username, displayName, orgId] of handlerPlan) {
    if (!orgId) continue;
    const password = generatePassword();
    // A read grant over the street lets handlers open their cases and upload photos; they act through the organisation.
    const id = await createUserWithGrants(db, deps, { username, displayName, password, grants: [{ roleKey: 'leader', scopePath: street.scopePath }] });
    await addHandler(db, setup, { orgId, userId: id });
    users.set(username, id);
    accounts.push({ username, role: 'incident_handler', password });
  }
  for (const [name, id] of users) {
    const a = await actorFor(db, id, 'user', null, null);
    if (a) actors.set(name, a);
  }
  const compounds = (await listCompounds(db, setup, { regionId: street.id }, { page: 1, pageSize: 500 })).items;
  const managedCompound = compounds.find((c) => c.id === managed?.id);
  await publishCategoryVersion(db, setup, {
    id: d.uuid(), note: `${prefix}派遣规则：市容环境归环卫所，违建、广告、施工、街面秩序归执法中队，突发事件归应急办，小区楼道堆物归物业`,
    categories: [...CATEGORIES_V1],
    rules: [
      { categoryCode: '01', scopePath: street.scopePath, orgId: orgs.sanitation },
      { categoryCode: '0108', scopePath: street.scopePath, orgId: orgs.enforcement },
      { categoryCode: '02', scopePath: street.scopePath, orgId: orgs.enforcement },
      { categoryCode: '03', scopePath: street.scopePath, orgId: orgs.enforcement },
      { categoryCode: '05', scopePath: street.scopePath, orgId: orgs.enforcement },
      { categoryCode: '04', scopePath: street.scopePath, orgId: orgs.emergency },
      ...(managed?.companyId && managedCompound ? [{ categoryCode: '0106', scopePath: managedCompound.scopePath, orgId: managed.companyId, note: '本小区物业负责' }] : []),
    ],
  });

  // The plans: ~200 reports over 60 days, oldest first, so duplicate checks see what came before.
  const regions = (await listRegions(db, setup, { parentId: street.id })).items;
  const codeOf = new Map(regions.map((r) => [r.id, r.code]));
  const byCommunity = { home: [] as typeof compounds, second: [] as typeof compounds, other: [] as typeof compounds };
  for (const c of compounds) {
    const code = codeOf.get(c.communityId);
    (code === HOME ? byCommunity.home : code === SECOND ? byCommunity.second : byCommunity.other).push(c);
  }
  const weights = (community: Plan['community']) => Object.fromEntries(PROBLEMS.filter(([code]) => community !== 'other' || !COMMUNITY_HANDLED.has(code)).map(([code, w]) => [code, w])) as Record<string, number>;
  const plans: Plan[] = [];
  for (let i = 0; i < 200; i++) {
    const community: Plan['community'] = d.chance(0.6) || !byCommunity.other.length ? 'home' : d.chance(0.35) && byCommunity.second.length ? 'second' : 'other';
    const c = d.pick(byCommunity[community].length ? byCommunity[community] : byCommunity.home);
    const code = d.weighted(weights(community));
    const ageDays = i < 24 ? d.next() * 2.5 : 3 + d.next() * 57;
    const channel: SourceChannel = community === 'home' ? (d.chance(0.8) ? 'patrol' : d.pick(['hotline', 'staff'])) : d.pick(['hotline', 'staff', 'staff', 'video']);
    const reporter = channel === 'patrol' ? 'gridman' : community === 'home' ? 'worker' : community === 'second' ? 'worker2' : 'street';
    plans.push({
      at: workHour(now - ageDays * DAY, d), community, code, channel, reporter, kind: 'normal', stopAfter: null,
      compound: { id: c.id, name: c.name, address: c.address, lat: c.lat, lng: c.lng, scopePath: c.scopePath },
      text: d.pick(problemTexts(code)), building: d.int(1, 8),
    });
  }
  plans.sort((a, b) => a.at - b.at);
  const stops = ['report', 'accept', 'register', 'register', 'register', 'dispatch', 'dispatch', 'sign', 'handle', 'feedback', 'forward', null];
  for (const p of plans) {
    if (now - p.at < 2.5 * DAY) p.stopAfter = d.pick(stops);
    else if (p.channel === 'patrol' && d.chance(0.14)) p.kind = 'self';
    else if (d.chance(0.03)) p.kind = 'invalid';
    else if (now - p.at > 6 * DAY && now - p.at < 25 * DAY && d.chance(0.12)) p.kind = 'stuck';
    else if (d.chance(0.1)) p.kind = 'late';
  }
  // The special paths, on the plain case nearest each age, moved where their reporter and handler can walk them.
  const specials: [Kind, number][] = [['rework', 50], ['rework', 18], ['rework', 8], ['unfixed', 40], ['unfixed', 12], ['extension', 30], ['suspended', 35], ['returned', 45], ['returned', 15], ['reopened', 25], ['cancelled', 20]];
  for (const [kind, days] of specials) {
    const p = plans.filter((x) => x.kind === 'normal' && !x.stopAfter).sort((a, b) => Math.abs(now - a.at - days * DAY) - Math.abs(now - b.at - days * DAY))[0];
    if (!p) continue;
    p.kind = kind;
    if (kind === 'reopened') Object.assign(p, { community: 'home', channel: 'hotline', reporter: 'worker', code: '0102', compound: pick(byCommunity.home, d, p.compound), text: d.pick(problemTexts('0102')) });
    if ((kind === 'rework' || kind === 'unfixed') && p.channel !== 'patrol') Object.assign(p, { community: 'home', channel: 'patrol', reporter: 'gridman', compound: pick(byCommunity.home, d, p.compound) });
    if ((kind === 'rework' || kind === 'unfixed') && COMMUNITY_HANDLED.has(p.code)) Object.assign(p, { code: '0106', text: d.pick(problemTexts('0106')) });
  }

  // Photos: each use needs a fresh upload by the person using it; the bytes are stored once.
  const store = { dataDir: deps.config?.dataDir ?? path.join(os.tmpdir(), 'gongzhi-demo-files'), limitBytes: deps.config?.uploadLimitBytes ?? 50 * 1024 * 1024 };
  const pictures = { before: [0, 1, 2, 3].map((s) => demoPhoto(s, false)), after: [0, 1, 2].map((s) => demoPhoto(s, true)) };
  const ctxAt = (who: string, t: number): Ctx => ({ actor: actors.get(who) ?? SYSTEM_ACTOR, keys: deps.keys, clock: { now: () => new Date(t) } });
  const photo = async (who: string, t: number, after: boolean) =>
    (await uploadAttachment(db, ctxAt(who, t), store, { data: d.pick(after ? pictures.after : pictures.before), fileName: after ? '处置后照片.png' : '现场照片.png' })).id;

  // The incident reported last (a merge points its duplicate at it).
  let lastId = '';
  let merged = 0;
  for (const p of plans) {
    await runPlan(p);
    // A second report of the same problem an hour later: the desk merges the first such pair, the newest one waits.
    if (p.kind === 'normal' && p.channel === 'patrol' && (merged === 0 ? now - p.at > 5 * DAY : now - p.at < 0.8 * DAY && merged === 1)) {
      const dup = { ...p, at: p.at + HOUR, text: `${p.text}（居民再次反映）`, channel: 'staff' as const, reporter: 'worker', stopAfter: merged === 0 ? null : 'report', kind: 'normal' as const };
      const first = await report(dup);
      if (merged === 0 && first) await fire(first, 'worker', dup.at + 20 * MIN, 'merge', { duplicate_of: lastId });
      merged++;
    }
  }
  return accounts;

  async function report(p: Plan): Promise<IncidentDetail | null> {
    const withPlace = d.chance(0.85) && p.compound.lat !== null && p.compound.lng !== null;
    const photos = p.channel === 'patrol' && d.chance(0.7) ? [await photo(p.reporter, p.at, false)] : [];
    const self = p.kind === 'self' ? { result: d.pick(RESULTS), photos: [await photo(p.reporter, p.at, true)] } : null;
    const r = await reportIncident(db, ctxAt(p.reporter, p.at), {
      id: d.uuid(), categoryCode: p.code, description: p.text.replace('{c}', p.compound.name).replace('{b}', `${p.compound.name}${p.building}幢`), compoundId: p.compound.id, sourceChannel: p.channel,
      address: `${p.compound.address ?? p.compound.name}`, lat: withPlace ? p.compound.lat! + (d.next() - 0.5) * 0.0015 : null,
      lng: withPlace ? p.compound.lng! + (d.next() - 0.5) * 0.0015 : null, photos, selfHandled: self,
      externalOrderNo: p.channel === 'hotline' ? `12345-${new Date(p.at).toISOString().slice(2, 10).replace(/-/g, '')}${d.int(1000, 9999)}` : null,
      reporterName: p.channel === 'hotline' ? `${d.pick(['王', '李', '张', '刘', '陈'])}女士` : null,
    });
    return r.incident;
  }

  async function fire(inc: IncidentDetail, who: string, t: number, event: string, input: Record<string, unknown> = {}, comment: string | null = null): Promise<IncidentDetail> {
    return fireIncidentEvent(db, ctxAt(who, t), inc.id, { event, input, comment, version: inc.version });
  }

  /** Walks one case until its plan ends or the next step would lie in the future. */
  async function runPlan(p: Plan): Promise<void> {
    let inc = await report(p);
    if (!inc) return;
    lastId = inc.id;
    if (p.kind === 'self' || p.stopAfter === 'report') return;
    const desk = p.community === 'home' ? 'worker' : p.community === 'second' ? 'worker2' : 'street';
    let t = p.at;
    let done = false;
    // Urgent cases (fire lanes, burst pipes) are worked round the clock; the rest in office hours.
    const urgent = inc.urgency === 'urgent';
    const later = (x: number) => (urgent ? x : workHour(x, d));
    const step = async (who: string, event: string, gapMin: [number, number], input: Record<string, unknown> = {}, comment: string | null = null) => {
      if (done) return false;
      t = later(t + d.int(gapMin[0], gapMin[1]) * MIN);
      if (t > now) { done = true; return false; }
      inc = await fire(inc!, who, t, event, input, comment);
      if (p.stopAfter === event) done = true;
      return true;
    };
    if (p.kind === 'invalid') { await step(desk, 'invalidate', [10, 60], { reason: '经核实不属于网格事件受理范围' }); return; }
    await step(desk, 'accept', urgent ? [2, 10] : [5, 40]);
    await step(desk, 'register', urgent ? [1, 5] : [2, 20]);
    if (p.kind === 'cancelled') { await step(desk, 'cancel', [30, 300], { reason: '反映人撤回，问题已自行解决' }); return; }
    const handler = () => (inc!.handler?.id === orgs.enforcement ? 'chengguan' : inc!.handler?.id === orgs.sanitation ? 'huanwei' : inc!.handler?.id === orgs.emergency ? 'yingji' : inc!.handler?.id === managed?.companyId ? 'wuye' : desk);
    await step(desk, 'dispatch', urgent ? [1, 5] : [3, 30], p.kind === 'returned' ? { handler_org_id: orgs.emergency } : {});
    if (p.kind === 'returned') {
      await step(handler(), 'return', [20, 90], { reason: '不属于应急事项，请改派执法中队' });
      await step(desk, 'dispatch', [10, 40], { handler_org_id: orgs.enforcement }, '改派综合行政执法中队');
    }
    const handleOnce = async () => {
      await step(handler(), 'sign', urgent ? [5, 25] : [10, 150]);
      await step(handler(), 'handle', [0, 30]);
      if (p.kind === 'stuck') { done = true; return; }
      if (p.kind === 'extension' && inc!.counts.extension === 0) {
        const until = new Date(Date.parse(inc!.deadlineAt ?? new Date(t).toISOString()) + 6 * DAY + 8 * HOUR).toISOString().slice(0, 10);
        await step(handler(), 'request_extension', [60, 240], { until, reason: '需协调产权单位共同处置' });
        await step(desk, 'approve_extension', [30, 180], { note: '同意延期' });
      }
      if (p.kind === 'suspended') {
        await step(handler(), 'request_suspension', [60, 240], { reason: '涉及历史遗留产权问题，需区级协调' });
        await step(desk, 'approve_suspension', [60, 240], { note: '同意挂账，待区级协调' });
        done = true;
        return;
      }
      const deadline = inc!.deadlineAt ? Date.parse(inc!.deadlineAt) : t + DAY;
      const target = p.kind === 'late' ? deadline + d.int(2, 60) * HOUR : t + (deadline - t) * (0.15 + d.next() * 0.45);
      const gap = Math.max(5, Math.round((target - t) / MIN));
      if (!done && later(t + gap * MIN) <= now) {
        await step(handler(), 'feedback', [gap, gap], { result: d.pick(RESULTS), photos: [await photo(handler(), t + gap * MIN, true)] });
      } else done = true;
      await step(desk, 'forward', urgent ? [2, 10] : [5, 30]);
    };
    await handleOnce();
    const verifier = p.channel === 'patrol' ? 'gridman' : desk;
    if (p.kind === 'rework' && inc.counts.rework === 0) {
      await step(verifier, 'fail', [30, 180], { reason: d.pick(REASONS_FAIL), photos: [await photo(verifier, t + 30 * MIN, false)] });
      await handleOnce();
    }
    if (p.kind === 'unfixed') { await step(verifier, 'close_unfixed', [30, 240], { reason: '产权单位拒不整改，已移交执法部门立案' }); return; }
    if (inc.needsConfirmation) {
      await step(verifier, 'pass', [30, 180], { note: '现场核查已处置' });
      if (p.kind === 'reopened' && inc.counts.rework === 0) {
        await step(p.reporter, 'reopen', [120, 600], { reason: '反映人回访称垃圾又堆起来了' });
        await handleOnce();
        await step(verifier, 'pass', [30, 180], { note: '二次核查已清理' });
      }
      await step(p.reporter, 'confirm', [60, 1200], { satisfaction: d.int(3, 5) }, '电话回访，反映人确认已解决');
      await step(verifier, 'close', [10, 120]);
    } else await step(verifier, 'close', urgent ? [5, 25] : [15, 150], { note: '现场核查已处置到位' });
  }
}

/** The description patterns of a 小类. */
function problemTexts(code: string): string[] {
  return PROBLEMS.find(([k]) => k === code)?.[2] ?? PROBLEMS[0][2];
}

function pick<T>(xs: T[], d: Dice, fallback: T): T {
  return xs.length ? d.pick(xs) : fallback;
}

/** Moves an instant into office hours in China time (08:30–18:30), to the next morning when it falls at night. */
function workHour(t: number, d: Dice): number {
  const cst = new Date(t + 8 * HOUR);
  const h = cst.getUTCHours() + cst.getUTCMinutes() / 60;
  if (h >= 8.5 && h < 18.5) return t;
  const day = Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), cst.getUTCDate()) - 8 * HOUR + (h >= 18.5 ? DAY : 0);
  return day + 8.5 * HOUR + d.int(0, 90) * MIN;
}
