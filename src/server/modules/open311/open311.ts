import type { FieldProblem } from '../../../shared/errors.ts';
import type { CategoryDef, Outcome } from '../../../shared/incidents.ts';
import { maskIdNumber, maskPhone } from '../../../shared/mask.ts';
import type { Deadline, I18nName } from '../../../shared/method-template.ts';

// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the incident closed loop, with FixMyStreet's service
// request updates. Pure: how categories become services, incidents become requests, timeline entries become updates.

/** A language of the answers: Chinese unless the client asks for English first. */
export type Lang = 'zh' | 'en';

/** A point within this distance of a compound's registered point is taken to be in that compound. */
export const NEAR_COMPOUND_M = 300;
/** Farther than NEAR_COMPOUND_M, the nearest compound within this distance names the community (no compound). */
export const COMMUNITY_RADIUS_M = 2000;
/** Requests one network may submit in an hour without an api_key. */
export const OPEN311_REQUESTS_PER_HOUR = 30;
/** Most requests or updates one list answer carries (the spec's suggested cap). */
export const MAX_LIST = 1000;
/** Without start_date, lists go back this many days from end_date (the spec's suggested window). */
export const DEFAULT_WINDOW_DAYS = 90;
/** The one service attribute: a compound id, e.g. from the QR code on the compound's notice board. */
export const COMPOUND_ATTRIBUTE = 'compound';

/** A service of the services list. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** A service definition (its attributes). */
export interface Open311Definition {
  service_code: string;
  attributes: {
    variable: boolean;
    code: string;
    datatype: 'string';
    required: boolean;
    datatype_description: string;
    order: number;
    description: string;
  }[];
}

/** One status change of a request, as FixMyStreet's servicerequestupdates carries it. */
export interface Open311Update {
  update_id: string;
  service_request_id: string;
  status: string;
  updated_datetime: string;
  description: string;
  media_url: string | null;
}

/** A request as GET requests answers it: the spec's fields only, no personal data. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  /** FixMyStreet's extension: the request's status history, oldest first (single-request answers only). */
  updates?: Open311Update[];
}

const UNIT: Record<Deadline['unit'], I18nName> = {
  natural_hours: { zh: '小时', en: 'hours' },
  natural_days: { zh: '天', en: 'days' },
  working_hours: { zh: '个工作小时', en: 'working hours' },
  working_days: { zh: '个工作日', en: 'working days' },
};

/** A handling time limit in words: "3 个工作日", "3 working days". */
export function deadlineText(d: Deadline, lang: Lang): string {
  return lang === 'en' ? `${d.amount} ${UNIT[d.unit].en}` : `${d.amount} ${UNIT[d.unit].zh}`;
}

/** Each 小类 of a category version as a service, grouped by its 大类. */
export function servicesOf(categories: readonly CategoryDef[], lang: Lang): Open311Service[] {
  const majors = new Map(categories.filter((c) => c.code.length === 2).map((c) => [c.code, c.name]));
  return categories.filter((c) => c.code.length === 4 && c.deadline).map((c) => {
    const major = majors.get(c.code.slice(0, 2)) ?? { zh: '', en: '' };
    const limit = deadlineText(c.deadline!, lang);
    return {
      service_code: c.code,
      service_name: c.name[lang],
      description: lang === 'en'
        ? `${major.en}: ${c.name.en}. Handled within ${limit} of registration${c.urgency === 'urgent' ? ' (urgent)' : ''}.`
        : `${major.zh}：${c.name.zh}。立案后 ${limit}内处置${c.urgency === 'urgent' ? '（紧急）' : ''}。`,
      metadata: true,
      type: 'realtime',
      keywords: [c.name.zh, c.name.en, major.zh, major.en].filter(Boolean).join(','),
      group: major[lang],
    };
  });
}

/** The definition of a service: one optional attribute naming the compound. */
export function definitionOf(code: string, lang: Lang): Open311Definition {
  return {
    service_code: code,
    attributes: [{
      variable: true, code: COMPOUND_ATTRIBUTE, datatype: 'string', required: false, order: 1,
      datatype_description: lang === 'en' ? 'Compound id (a UUID), as printed in the QR code on the compound notice board' : '小区编号（UUID），见小区公示栏二维码',
      description: lang === 'en' ? 'Compound (optional; otherwise located by lat/long)' : '所在小区（可不填，按经纬度定位）',
    }],
  };
}

/** What the POST answer tells the client: received, the time limit, and that the reporter is asked before closing. */
export function serviceNotice(name: I18nName, deadline: Deadline, lang: Lang, caseNo: string | null): string {
  const limit = deadlineText(deadline, lang);
  return lang === 'en'
    ? `Received: ${name.en}${caseNo ? `, case number ${caseNo}` : ''}. Once registered it is handled within ${limit}; follow its status with GET requests/{id}.json.`
    : `已收到“${name.zh}”诉求${caseNo ? `，事件编号 ${caseNo}` : ''}。立案后 ${limit}内处置，可通过 GET requests/{id}.json 查看进展。`;
}

/** A request's case number as its notice: what a resident quotes on the hotline. */
export function caseNotice(caseNo: string | null, lang: Lang): string | null {
  if (!caseNo) return null;
  return lang === 'en' ? `Case number ${caseNo}` : `事件编号 ${caseNo}`;
}

/** A request's spec status: closed once its case has ended, however it ended. */
export function requestStatus(endedAt: string | null): 'open' | 'closed' {
  return endedAt ? 'closed' : 'open';
}

/**
 * FixMyStreet's extended status for a stage a case moved to (wiki "Open311 FMS Additional states"): desk stages are
 * INVESTIGATING, a dispatched case ACTION_SCHEDULED, work on it IN_PROGRESS, 挂账 ACTION_SCHEDULED (parked until it can
 * be done), closed FIXED, "closed, not fixed" NO_FURTHER_ACTION, a merged duplicate DUPLICATE, other endings CLOSED.
 */
export function updateStatus(toStage: string, event: string): string {
  switch (toStage) {
    case 'drafted': case 'reported': return 'OPEN';
    case 'accepted': case 'registered': case 'returned': return 'INVESTIGATING';
    case 'dispatched': case 'suspended': return 'ACTION_SCHEDULED';
    case 'closed': return 'FIXED';
    case 'closed_unfixed': return 'NO_FURTHER_ACTION';
    case 'invalid': return event === 'merge' ? 'DUPLICATE' : 'CLOSED';
    case 'cancelled': return 'CLOSED';
    default: return 'IN_PROGRESS';
  }
}

/** Why a request stands where it does, in words: its stage's name, or that it was merged with the same problem. */
export function statusNotes(stageName: I18nName, outcome: Outcome | null, duplicateOf: string | null, lang: Lang): string {
  if (outcome === 'invalid' && duplicateOf) return lang === 'en' ? 'Duplicate: merged with a report of the same problem' : '重复反映，已与同一问题合并处理';
  return stageName[lang];
}

/** One timeline entry as an update: the event and the stage it led to, never who did it, their comment or inputs. */
export function updateText(eventName: I18nName | null, stageName: I18nName, lang: Lang): string {
  return eventName ? (lang === 'en' ? `${eventName.en}: ${stageName.en}` : `${eventName.zh}：${stageName.zh}`) : stageName[lang];
}

const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;

/** Text for the public answer with mobile and ID numbers masked (a reporter may write their own into the description). */
export function redact(text: string): string {
  return text.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskPhone(m));
}

const CJK = /^[\u3400-\u9fff·]+$/u;

/** A person's name from Open311's first and last name: family name first for Chinese names. */
export function personName(first: string | undefined, last: string | undefined): string | null {
  const f = first?.trim() ?? '';
  const l = last?.trim() ?? '';
  if (!f && !l) return null;
  return CJK.test(f + l) ? l + f : [f, l].filter(Boolean).join(' ');
}

/** The nearest of some points to a point, with its distance, if any lies within `radius` metres. */
export function nearest<T extends { lat: number; lng: number }>(
  point: { lat: number; lng: number }, candidates: readonly T[], radius: number, distance: (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => number,
): { item: T; metres: number } | null {
  let best: { item: T; metres: number } | null = null;
  for (const c of candidates) {
    const m = distance(point, c);
    if (m <= radius && (!best || m < best.metres)) best = { item: c, metres: m };
  }
  return best;
}

const W3C = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** A W3C date-time (the spec's format; a bare date means midnight China time) as an ISO instant, or null if malformed. */
export function parseW3c(s: string): string | null {
  const t = s.trim();
  if (!W3C.test(t)) return null;
  const ms = Date.parse(t.length === 10 ? `${t}T00:00:00+08:00` : t);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A comma-separated list parameter as its items. */
export function listParam(s: string | undefined): string[] {
  return (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
}

/**
 * A form-encoded body as an object: empty values dropped (a client leaving lat blank must not mean 0), and
 * `attribute[code]=value` collected under `attribute` as the JSON form has it.
 */
export function formBody(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attribute: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (v === '') continue;
    const m = /^attribute\[([^\]]+)\]$/.exec(k);
    if (m) attribute[m[1]] = v;
    else out[k] = v;
  }
  if (Object.keys(attribute).length) out.attribute = attribute;
  return out;
}

const FIELD_NAMES: Record<string, string> = {
  categoryCode: 'service_code', lat: 'lat', lng: 'long', compoundId: 'address_id', communityId: 'address_id', gridId: 'address_id',
  reporterPhone: 'phone', reporterName: 'first_name', description: 'description', address: 'address_string',
};

/** Errors in Open311 form: one {code, description} per problem (field problems named by their Open311 field). */
export function open311Errors(status: number, message: string, fields: readonly (FieldProblem & { message?: string })[], lang: Lang): { code: number; description: string }[] {
  if (!fields.length) return [{ code: status, description: message }];
  return fields.map((f) => ({ code: status, description: `${FIELD_NAMES[f.field] ?? f.field}: ${f.message ?? f[lang]}` }));
}
