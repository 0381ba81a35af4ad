import { invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { maskName } from '../../../shared/mask.ts';
import {
  FAMILY_RELATION_LABELS, GENDER_LABELS, HOUSING_TYPE_LABELS, POLITICAL_STATUS_LABELS, PROPERTY_MODE_LABELS, type CodeLabel,
} from '../../../shared/registry-codes.ts';
import { listCompounds, listHouseholds, listResidents, type CompoundFilter, type CompoundView, type HouseholdView, type ResidentFilter, type ResidentView } from '../registry/index.ts';
import { HOUSEHOLD_STATUS_LABELS } from '../../../shared/registry-codes.ts';
import { FIVE_ONES_ITEMS, type FiveOnesItem } from '../../../shared/org-types.ts';
import type { ExportSource } from './export.service.ts';

function label(labels: Record<string, CodeLabel>, code: string | null | undefined): string | null {
  if (!code) return null;
  return labels[code]?.zh ?? code;
}

/** Reads the allowed query keys as bounded strings or booleans; a bad value is VALIDATION_FAILED like the list endpoint. */
export function pickFilter(query: Record<string, unknown>, keys: { text?: readonly string[]; bool?: readonly string[]; oneOf?: Record<string, readonly string[]> }): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  const problems = [];
  for (const k of keys.text ?? []) {
    const v = query[k];
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string' || v.length > 100) problems.push(fieldProblem(k, 'TOO_LONG', { max: 100 }));
    else out[k] = v;
  }
  for (const k of keys.bool ?? []) {
    const v = query[k];
    if (v === undefined || v === '') continue;
    if (v === 'true' || v === true) out[k] = true;
    else if (v === 'false' || v === false) out[k] = false;
    else problems.push(fieldProblem(k, 'NOT_IN_LIST', { allowed: 'true, false' }));
  }
  for (const [k, allowed] of Object.entries(keys.oneOf ?? {})) {
    const v = query[k];
    if (v === undefined || v === '') continue;
    if (typeof v === 'string' && allowed.includes(v)) out[k] = v;
    else problems.push(fieldProblem(k, 'NOT_IN_LIST', { allowed: allowed.join(', ') }));
  }
  if (problems.length) throw invalid(problems);
  return out;
}

/** Compounds, with the filters of GET /api/compounds. */
export const compoundsExport: ExportSource<CompoundView, CompoundFilter> = {
  entity: 'compounds',
  sheetZh: '小区',
  permission: 'compound.read',
  parseFilter: (q) => {
    const f = pickFilter(q, {
      text: ['communityId', 'regionId', 'housingType', 'propertyMode', 'gridId', 'q'],
      bool: ['hasOwnersCommittee'],
      oneOf: { sort: ['name', 'build_year', 'household_count', 'updated_at'], dir: ['asc', 'desc'], fiveOnes: ['complete', 'incomplete'] },
    }) as CompoundFilter;
    const missing = (Array.isArray(q.missing) ? q.missing : q.missing ? [q.missing] : []).map(String);
    const items = missing.filter((m): m is FiveOnesItem => (FIVE_ONES_ITEMS as readonly { code: string }[]).some((i) => i.code === m));
    return items.length ? { ...f, missing: items } : f;
  },
  fetchPage: (db, ctx, f, page, pageSize) => listCompounds(db, ctx, f, { page, pageSize }),
  columns: [
    { header: '社区', width: 14, value: (c) => c.communityName },
    { header: '小区名称', width: 18, value: (c) => c.name },
    { header: '地址', width: 24, value: (c) => c.address },
    { header: '房屋类型', value: (c) => label(HOUSING_TYPE_LABELS, c.housingType) },
    { header: '建成年份', value: (c) => c.buildYear },
    { header: '楼栋数', value: (c) => c.buildingCount },
    { header: '户数', value: (c) => c.householdCount },
    { header: '建筑面积', value: (c) => c.floorArea },
    { header: '是否封闭', value: (c) => (c.enclosed ? '是' : '否') },
    { header: '物业费收缴率', value: (c) => (c.feeCollectionRate === null ? null : `${Math.round(c.feeCollectionRate * 1000) / 10}%`) },
    { header: '改造批次年份', value: (c) => c.renovationYear },
    { header: '物业模式', value: (c) => label(PROPERTY_MODE_LABELS, c.propertyMode) },
    { header: '纬度', value: (c) => c.lat },
    { header: '经度', value: (c) => c.lng },
    { header: '网格', value: (c) => c.gridName },
  ],
};

/**
 * Residents, with the filters of GET /api/residents (exact ID-number and phone lookups are not offered for exports).
 * Only masks leave: ID number and phone as masked by the registry, the name of a child under 14 masked, no birth
 * date (age band instead), no protected tags.
 */
export const residentsExport: ExportSource<ResidentView, ResidentFilter> = {
  entity: 'residents',
  sheetZh: '居民',
  permission: 'resident.read',
  parseFilter: (q) =>
    pickFilter(q, { text: ['compoundId', 'regionId', 'householdId', 'q', 'politicalStatus'], bool: ['hasProtectedTags', 'minor', 'includeMovedOut'] }) as ResidentFilter,
  fetchPage: (db, ctx, f, page, pageSize) => listResidents(db, ctx, f, { page, pageSize }),
  columns: [
    { header: '小区', width: 14, value: (r) => r.compoundName },
    { header: '楼栋', value: (r) => r.buildingName },
    { header: '单元', value: (r) => r.unit },
    { header: '房号', value: (r) => r.room },
    { header: '姓名', value: (r) => (r.minor ? maskName(r.name) : r.name) },
    { header: '性别', value: (r) => label(GENDER_LABELS, r.gender) },
    { header: '年龄段', value: (r) => r.ageBand },
    { header: '身份证号', width: 22, value: (r) => r.idNumberMasked },
    { header: '手机号', width: 14, value: (r) => r.phoneMasked },
    { header: '政治面貌', value: (r) => label(POLITICAL_STATUS_LABELS, r.politicalStatus) },
    { header: '与户主关系', value: (r) => label(FAMILY_RELATION_LABELS, r.relation) },
    { header: '迁出日期', value: (r) => r.movedOutOn },
  ],
};

/** Households of one compound (compoundId is required, as in GET /api/compounds/:id/households). */
export const householdsExport: ExportSource<HouseholdView, { compoundId: string; buildingId?: string; status?: string; q?: string }> = {
  entity: 'households',
  sheetZh: '房屋',
  permission: 'compound.read',
  parseFilter: (q) => {
    const f = pickFilter(q, { text: ['compoundId', 'buildingId', 'q'], oneOf: { status: ['resident', 'away', 'vacant'] } });
    if (!f.compoundId) throw invalid([fieldProblem('compoundId', 'REQUIRED')]);
    return f as { compoundId: string };
  },
  fetchPage: (db, ctx, f, page, pageSize) => listHouseholds(db, ctx, f.compoundId, f, { page, pageSize }),
  columns: [
    { header: '楼栋', value: (h) => h.buildingName },
    { header: '单元', value: (h) => h.unit },
    { header: '房号', value: (h) => h.room },
    { header: '居住状态', value: (h) => label(HOUSEHOLD_STATUS_LABELS, h.status) },
    { header: '户主', value: (h) => h.headName },
    { header: '人数', value: (h) => h.residentCount },
    { header: '面积', value: (h) => h.area },
  ],
};

/** The built-in export sources (registry lists). */
export const BUILTIN_EXPORT_SOURCES: ExportSource<any, any>[] = [compoundsExport, residentsExport, householdsExport];
