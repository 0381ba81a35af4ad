import { idCheckChar } from '../../../shared/validators/idcard.ts';

/** A small deterministic PRNG (mulberry32) so the demo city is the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one PRNG stream. */
export class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Picks by weight. */
  weighted<T extends string>(w: Record<T, number>): T {
    const total = Object.values<number>(w).reduce((s, x) => s + x, 0);
    let r = this.next() * total;
    for (const [k, v] of Object.entries<number>(w)) {
      r -= v;
      if (r <= 0) return k as T;
    }
    return Object.keys(w)[0] as T;
  }
  /** A deterministic UUID-shaped id. */
  uuid(): string {
    const h = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16)).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌宇浩凯晨鑫婷雪琳欣然佳怡子涵梓轩博文思远嘉豪雨泽一诺俊熙海峰春梅冬梅德福长顺淑珍秀兰桂芳'.split('');
const PLACE = ['锦江', '滨河', '文化', '嘉陵', '白塔', '桂花', '清泉', '丝绸', '纺织', '建设', '人民', '和平', '育才', '五星', '莲池', '北湖', '西山', '涪江', '龙门', '金鱼', '果州', '望江', '朝阳', '红星', '光明', '新华', '东风', '胜利', '团结', '幸福', '长青', '银杏', '梧桐', '玉带', '南门', '老街', '荷花', '松林', '鹤鸣', '凤凰'];
const UNITS = ['丝绸厂', '纺织厂', '机械厂', '化肥厂', '粮站', '供销社', '运输公司', '电力局', '水务公司', '第一中学', '人民医院', '邮电局', '棉纺厂', '酒厂', '针织厂', '建筑公司'];

/** Housing types and property modes with the seed's proportions (Nanchong: 324 / 343 / 618 / 24). */
export const PROPERTY_MODE_WEIGHTS = { market: 324, community_run: 343, self_managed: 618, soe_backstop: 24 };
/** Housing type weights for old compounds. */
export const HOUSING_TYPE_WEIGHTS = { commodity: 30, reformed: 28, public: 14, affordable: 12, cooperative: 16 };

/** A Chinese person's name. */
export function personName(d: Dice): string {
  return d.pick(SURNAMES) + d.pick(GIVEN) + (d.chance(0.7) ? d.pick(GIVEN) : '');
}

/** A compound name that fits its housing type. */
export function compoundName(d: Dice, housingType: string, n: number): string {
  const p = d.pick(PLACE);
  switch (housingType) {
    case 'reformed': return `${d.pick(UNITS)}家属院${n % 3 === 0 ? '' : n % 3 === 1 ? '二区' : '三区'}`;
    case 'public': return `${p}街公房院落${(n % 9) + 1}号`;
    case 'cooperative': return `${p}集资楼${(n % 5) + 1}期`;
    case 'affordable': return `${p}安置小区${(n % 4) + 1}期`;
    default: return `${p}${d.pick(['花园', '苑', '小区', '雅居', '名城', '佳园'])}${n % 7 === 0 ? '' : (n % 4) + 1 + '期'}`;
  }
}

/** A synthetic but valid ID number: the region's county code, a birth date, a sequence of the right parity and the check character. */
export function idNumber(d: Dice, countyCode: string, birth: string, gender: 'male' | 'female'): string {
  const seq = d.int(0, 49) * 2 + (gender === 'male' ? 1 : 0);
  const p17 = countyCode + birth.replaceAll('-', '') + String(d.int(1, 9)) + String(seq).padStart(2, '0');
  return p17 + idCheckChar(p17);
}

/** A plausible mainland mobile number. */
export function mobile(d: Dice): string {
  return d.pick(['135', '136', '138', '139', '150', '151', '158', '177', '180', '183', '187', '189', '199']) + String(d.int(0, 99999999)).padStart(8, '0');
}

/** A birth date between the ages given, relative to a reference year. */
export function birthDate(d: Dice, refYear: number, minAge: number, maxAge: number): string {
  const y = refYear - d.int(minAge, maxAge);
  const m = d.int(1, 12);
  const day = d.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The shape of the demo city: places and how many compounds each holds. */
export interface DemoPlace {
  code: string;
  name: string;
  level: 'city' | 'county' | 'street' | 'community';
  parent: string | null;
  compounds?: number;
}

/** The fictional demo city modelled on the seed's three places (a district, a county, a town). */
export function demoPlaces(): DemoPlace[] {
  const d = new Dice(rng(20261126));
  const out: DemoPlace[] = [{ code: '515100', name: '南岭市', level: 'city', parent: null }];
  const add = (p: DemoPlace) => out.push(p);
  // Community and village names are unique within their county, as real ones are.
  const used = new Set<string>();
  const placeName = (county: string, suffix: string) => {
    for (let i = 0; ; i++) {
      const base = d.pick(PLACE) + (i > 8 ? d.pick(['东', '西', '南', '北', '新']) : '');
      if (!used.has(county + base + suffix)) {
        used.add(county + base + suffix);
        return base + suffix;
      }
    }
  };
  // A city district with about 1,250 old compounds (Nanchong: 1249).
  add({ code: '515102', name: '嘉陵湾区', level: 'county', parent: '515100' });
  const streets = ['果城', '白塔', '北湖', '舞凤', '中城', '西城', '东南', '华凤', '和平路', '新建', '荆溪', '潆溪'];
  let left = 1250;
  streets.forEach((s, i) => {
    const sc = `515102${String(i + 1).padStart(3, '0')}`;
    add({ code: sc, name: `${s}街道`, level: 'street', parent: '515102' });
    const communities = 6 + (i % 3);
    for (let c = 1; c <= communities; c++) {
      const isLast = i === streets.length - 1 && c === communities;
      const n = isLast ? left : Math.min(left, d.int(12, 18));
      left -= n;
      add({ code: `${sc}${String(c).padStart(3, '0')}`, name: placeName(sc.slice(0, 6), '社区'), level: 'community', parent: sc, compounds: n });
    }
  });
  // A county with 18 communities and 195 compounds with party branches (Hongtong).
  add({ code: '515121', name: '洪川县', level: 'county', parent: '515100' });
  const hc = [['大槐树镇', 101, 7], ['城关街道', 1, 6], ['城东街道', 2, 5]] as const;
  let hLeft = 195;
  hc.forEach(([name, town, communities], i) => {
    const sc = `515121${String(town).padStart(3, '0')}`;
    add({ code: sc, name, level: 'street', parent: '515121' });
    for (let c = 1; c <= communities; c++) {
      const isLast = i === hc.length - 1 && c === communities;
      const n = isLast ? hLeft : Math.min(hLeft, d.int(9, 12));
      hLeft -= n;
      add({ code: `${sc}${String(c).padStart(3, '0')}`, name: placeName(sc.slice(0, 6), '社区'), level: 'community', parent: sc, compounds: n });
    }
  });
  // A town of a county-level city with communities and villages (Zhoushi).
  add({ code: '515181', name: '海棠市', level: 'county', parent: '515100' });
  add({ code: '515181102', name: '周庄镇', level: 'street', parent: '515181' });
  for (let c = 1; c <= 8; c++) add({ code: `515181102${String(c).padStart(3, '0')}`, name: placeName('515181', '社区'), level: 'community', parent: '515181102', compounds: d.int(4, 7) });
  for (let v = 0; v < 10; v++) add({ code: `515181102${200 + v + 1}`, name: placeName('515181', '村'), level: 'community', parent: '515181102', compounds: d.int(2, 3) });
  return out;
}
