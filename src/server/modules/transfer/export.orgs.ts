import { FIVE_ONES_ITEMS, ORG_CATEGORY_LABELS, ORG_TYPES, ORG_WARNING_CODES, type FiveOnesItem, type OrgWarningCode } from '../../../shared/org-types.ts';
import { listFiveOnes, listOrgs, orgWarningsFor, type FiveOnes, type OrgWarning } from '../orgs/index.ts';
import type { ExportSource } from './export.service.ts';
import { pickFilter } from './export.sources.ts';

type OrgRow = Awaited<ReturnType<typeof listOrgs>>['items'][number];
const typeZh = (code: string) => ORG_TYPES.find((t) => t.code === code)?.zh ?? code;
const ITEM_CODES = FIVE_ONES_ITEMS.map((i) => i.code);

/** Reads repeated `missing` query values (missing=a&missing=b) as checklist items. */
function missingOf(q: Record<string, unknown>): FiveOnesItem[] | undefined {
  const raw = q.missing;
  const list = (Array.isArray(raw) ? raw : raw === undefined || raw === '' ? [] : [raw]).map(String);
  const items = list.filter((m): m is FiveOnesItem => (ITEM_CODES as readonly string[]).includes(m));
  return items.length ? items : undefined;
}

/** Organisations, with the filters of GET /api/orgs. */
export const orgsExport: ExportSource<OrgRow, Parameters<typeof listOrgs>[2]> = {
  entity: 'orgs',
  sheetZh: '组织',
  permission: 'org.read',
  parseFilter: (q) => pickFilter(q, { text: ['compoundId', 'regionId', 'type', 'category', 'q'] }),
  fetchPage: async (db, ctx, f, page, pageSize) => listOrgs(db, ctx, f, pageSize, (page - 1) * pageSize),
  columns: [
    { header: '名称', width: 26, value: (o) => o.name },
    { header: '类型', value: (o) => typeZh(o.type) },
    { header: '类别', value: (o) => ORG_CATEGORY_LABELS[o.category]?.zh ?? o.category },
    { header: '所在小区/区划', width: 18, value: (o) => o.anchorName },
    { header: '统一社会信用代码', width: 22, value: (o) => o.uscc },
    { header: '任期开始', value: (o) => o.termStart },
    { header: '任期结束', value: (o) => o.termEnd },
    { header: '成立日期', value: (o) => o.foundedOn },
    { header: '备案日期', value: (o) => o.filedOn },
    { header: '任职人数', value: (o) => o.positionCount },
  ],
};

/** The five-ones checklist across a region, with the filters of GET /api/five-ones. */
export const fiveOnesExport: ExportSource<FiveOnes, { regionId?: string; q?: string; missing?: FiveOnesItem[]; complete?: boolean }> = {
  entity: 'five-ones',
  sheetZh: '五个一',
  permission: 'compound.read',
  parseFilter: (q) => ({ ...pickFilter(q, { text: ['regionId', 'q'], bool: ['complete'] }), missing: missingOf(q) }),
  fetchPage: async (db, ctx, f, page, pageSize) => listFiveOnes(db, ctx, f, pageSize, (page - 1) * pageSize),
  columns: [
    { header: '社区', width: 14, value: (r) => r.communityName },
    { header: '小区', width: 20, value: (r) => r.name },
    { header: '得分', value: (r) => `${r.score}/5` },
    ...FIVE_ONES_ITEMS.map((i) => ({ header: i.zh, width: 14, value: (r: FiveOnes) => (r.items[i.key].ok ? '有' : '缺') })),
  ],
};

/** Term and composition warnings, with the filters of GET /api/org-warnings. */
export const orgWarningsExport: ExportSource<OrgWarning, { regionId?: string; compoundId?: string; code?: OrgWarningCode }> = {
  entity: 'org-warnings',
  sheetZh: '任期与组成预警',
  permission: 'org.read',
  parseFilter: (q) => pickFilter(q, { text: ['regionId', 'compoundId'], oneOf: { code: ORG_WARNING_CODES } }) as { code?: OrgWarningCode },
  // The warnings are computed in memory for the whole filter, so paging happens here.
  fetchPage: async (db, ctx, f, page, pageSize) => {
    const all = await orgWarningsFor(db, ctx, f);
    return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
  },
  columns: [
    { header: '级别', value: (w) => (w.severity === 'error' ? '错误' : '提醒') },
    { header: '预警', width: 40, value: (w) => w.zh },
    { header: '组织', width: 24, value: (w) => w.orgName },
    { header: '类型', value: (w) => typeZh(w.orgType) },
    { header: '小区', width: 18, value: (w) => w.compound?.name ?? null },
    { header: '代码', width: 22, value: (w) => w.code },
  ],
};

/** The export sources of the orgs module's lists. */
export const ORG_EXPORT_SOURCES: ExportSource<any, any>[] = [orgsExport, fiveOnesExport, orgWarningsExport];
