/**
 * Column specifications of the import/export files, pure data: the server validates with them and the web
 * wizard can render templates and help from them. Chinese headers are canonical; English aliases are accepted.
 */

import {
  FAMILY_RELATION_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  HOUSING_TYPE_LABELS,
  POLITICAL_STATUS_LABELS,
  PROPERTY_MODE_LABELS,
  PROTECTED_TAG_LABELS,
  type CodeLabel,
} from '../../../shared/registry-codes.ts';

/** How a cell is read. */
export type ColumnKind = 'text' | 'code' | 'int' | 'number' | 'year' | 'rate' | 'bool' | 'enum' | 'tags' | 'idNumber' | 'phone' | 'date';

/** One allowed value of an enum or tag column. */
export interface EnumOption {
  code: string;
  zh: string;
  aliases?: readonly string[];
}

/** One column of an import file. */
export interface ColumnSpec {
  /** Field name in the row handed to the registry validators. */
  key: string;
  /** Canonical Chinese header. */
  zh: string;
  /** Other accepted headers (English names, common variants). */
  aliases: readonly string[];
  required: boolean;
  kind: ColumnKind;
  options?: readonly EnumOption[];
  min?: number;
  max?: number;
  decimals?: number;
  maxLength?: number;
  /** Regular expression a 'code' value must match. */
  pattern?: string;
  /** Value of the template's example row. */
  example: string | number;
  /** Explanation on the template's second sheet, in Chinese. */
  help: string;
}

/** The entities a file can import. */
export const IMPORT_ENTITIES = ['compounds', 'households', 'residents'] as const;
/** An importable entity. */
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** The column set of one entity. */
export interface EntitySpec {
  entity: ImportEntity;
  /** Sheet name of the template and of exports. */
  sheetZh: string;
  columns: readonly ColumnSpec[];
}

/** Options from a shared label map, plus extra spellings people type in spreadsheets. */
function optionsOf(labels: Record<string, CodeLabel>, extra: Record<string, readonly string[]> = {}): EnumOption[] {
  return Object.entries(labels).map(([code, l]) => ({ code, zh: l.zh, aliases: [l.en, ...(extra[code] ?? [])] }));
}

/** 房屋类型 (Nanchong's five classes). */
export const HOUSING_TYPE_OPTIONS: readonly EnumOption[] = optionsOf(HOUSING_TYPE_LABELS, { affordable: ['保障性住房'] });

/** 物业模式 (Nanchong's four batches). */
export const PROPERTY_MODE_OPTIONS: readonly EnumOption[] = optionsOf(PROPERTY_MODE_LABELS, { market: ['市场化'], self_managed: ['自管'] });

/** 居住状态 of a household. */
export const HOUSEHOLD_STATUS_OPTIONS: readonly EnumOption[] = optionsOf(HOUSEHOLD_STATUS_LABELS, {
  resident: ['自住', '自住/常住', '居住'],
  away: ['外出', '外出务工'],
  vacant: ['空房'],
});

/** 政治面貌, GB/T 4762 codes. */
export const POLITICAL_STATUS_OPTIONS: readonly EnumOption[] = optionsOf(POLITICAL_STATUS_LABELS, { '01': ['党员'], '02': ['预备党员'], '03': ['团员'] });

/** 与户主关系, GB/T 4761 codes. */
export const RELATION_OPTIONS: readonly EnumOption[] = optionsOf(FAMILY_RELATION_LABELS, {
  '20': ['儿子', '长子', '次子'],
  '30': ['女儿', '长女', '次女'],
  '40': ['孙子', '孙女', '外孙子', '外孙女'],
  '60': ['祖父', '祖母', '外祖父', '外祖母'],
  '70': ['兄', '弟', '姐', '妹', '兄弟姐妹'],
  '12': ['妻子'],
  '11': ['丈夫'],
});

/** Relation codes that make a row the household head (户主 / 本人). */
export const HEAD_RELATIONS: readonly string[] = ['01', '02'];

/** 标签 a resident may carry (comma separated in the file). */
export const RESIDENT_TAG_OPTIONS: readonly EnumOption[] = optionsOf(PROTECTED_TAG_LABELS, { disabled: ['残疾人'], 'hardship:subsistence': ['低保', '低保户'], 'hardship:extreme_poverty': ['特困'], 'hardship:marginal': ['低边'] });

const COMMUNITY_CODE: ColumnSpec = {
  key: 'communityCode', zh: '社区代码', aliases: ['community code', 'communityCode', '社区编码', '社区区划代码'], required: true, kind: 'code',
  pattern: '^\\d{12}$', example: '511302001003', help: '12 位统计用区划代码（居委会），如 511302001003；须已在系统中登记',
};
const COMPOUND_NAME: ColumnSpec = {
  key: 'compoundName', zh: '小区名称', aliases: ['compound', 'compound name', 'compoundName', '小区', '院落名称', '院落'], required: true, kind: 'text',
  maxLength: 100, example: '幸福小区', help: '小区（院落）名称，须已在该社区登记',
};
const BUILDING: ColumnSpec = {
  key: 'building', zh: '楼栋', aliases: ['building', '楼号', '栋', '幢'], required: false, kind: 'text', maxLength: 30,
  example: '3栋', help: '楼栋名称，如“3栋”；系统中没有的楼栋会自动新建；平房院落可留空',
};
const UNIT: ColumnSpec = { key: 'unit', zh: '单元', aliases: ['unit', '单元号'], required: false, kind: 'text', maxLength: 10, example: '1', help: '单元号，可留空' };
const ROOM: ColumnSpec = { key: 'room', zh: '房号', aliases: ['room', '房间号', '门牌号', '室'], required: true, kind: 'text', maxLength: 20, example: '502', help: '房号，如 502' };
const GRID_CODE: ColumnSpec = {
  key: 'gridCode', zh: '网格编码', aliases: ['grid', 'grid code', 'gridCode', '网格'], required: false, kind: 'text', maxLength: 40,
  example: '', help: '所属综合网格的编码，须已在该社区登记；可留空',
};

/** Columns of the compound (小区) file. */
export const COMPOUND_COLUMNS: EntitySpec = {
  entity: 'compounds',
  sheetZh: '小区',
  columns: [
    COMMUNITY_CODE,
    { ...COMPOUND_NAME, key: 'name', aliases: ['name', 'compound name', '小区', '院落名称'], help: '小区（院落）名称，同一社区内不能重复' },
    { key: 'address', zh: '地址', aliases: ['address'], required: false, kind: 'text', maxLength: 200, example: '顺庆区幸福路 18 号', help: '街路巷门牌地址' },
    { key: 'housingType', zh: '房屋类型', aliases: ['housing type', 'housingType', '类型'], required: true, kind: 'enum', options: HOUSING_TYPE_OPTIONS, example: '商品房', help: '商品房、房改房、公房、保障房、集资房 之一（也可填英文代码）' },
    { key: 'buildYear', zh: '建成年份', aliases: ['build year', 'buildYear', '建成年代'], required: false, kind: 'year', example: 2005, help: '四位年份，如 2005' },
    { key: 'buildingCount', zh: '楼栋数', aliases: ['buildings', 'building count', 'buildingCount'], required: false, kind: 'int', min: 0, max: 10000, example: 12, help: '整数' },
    { key: 'householdCount', zh: '户数', aliases: ['households', 'household count', 'householdCount'], required: false, kind: 'int', min: 0, max: 100000, example: 480, help: '整数' },
    { key: 'floorArea', zh: '建筑面积', aliases: ['floor area', 'floorArea', '建筑面积（平方米）'], required: false, kind: 'number', min: 0, max: 1e8, decimals: 2, example: 56000, help: '平方米' },
    { key: 'enclosed', zh: '是否封闭', aliases: ['enclosed', '封闭'], required: false, kind: 'bool', example: '是', help: '是 或 否' },
    { key: 'feeCollectionRate', zh: '物业费收缴率', aliases: ['fee collection rate', 'feeCollectionRate', '收缴率'], required: false, kind: 'rate', example: '85%', help: '0.85 或 85% 均可' },
    { key: 'renovationYear', zh: '改造批次年份', aliases: ['renovation year', 'renovationYear', '改造年份'], required: false, kind: 'year', example: 2021, help: '老旧小区改造批次的年份，未改造留空' },
    { key: 'propertyMode', zh: '物业模式', aliases: ['property mode', 'propertyMode', '物业管理模式'], required: true, kind: 'enum', options: PROPERTY_MODE_OPTIONS, example: '公开选聘', help: '公开选聘、社区领办、自主管理、国企兜底 之一（也可填英文代码）' },
    { key: 'lat', zh: '纬度', aliases: ['lat', 'latitude'], required: false, kind: 'number', min: -90, max: 90, decimals: 6, example: 30.7953, help: '十进制度数（GCJ-02 或 WGS-84 按本地约定），如 30.7953' },
    { key: 'lng', zh: '经度', aliases: ['lng', 'lon', 'longitude'], required: false, kind: 'number', min: -180, max: 180, decimals: 6, example: 106.0845, help: '十进制度数，如 106.0845' },
    GRID_CODE,
  ],
};

/** Columns of the household (户) file. */
export const HOUSEHOLD_COLUMNS: EntitySpec = {
  entity: 'households',
  sheetZh: '房屋户',
  columns: [
    COMMUNITY_CODE,
    COMPOUND_NAME,
    BUILDING,
    UNIT,
    ROOM,
    { key: 'status', zh: '居住状态', aliases: ['status', '状态'], required: false, kind: 'enum', options: HOUSEHOLD_STATUS_OPTIONS, example: '常住', help: '常住（自住）、人户分离（外出）、空置 之一；留空按常住' },
    { key: 'area', zh: '面积', aliases: ['area', '建筑面积', '面积（平方米）'], required: false, kind: 'number', min: 0, max: 100000, decimals: 2, example: 89.5, help: '平方米' },
    GRID_CODE,
  ],
};

/** Columns of the resident (居民) file. */
export const RESIDENT_COLUMNS: EntitySpec = {
  entity: 'residents',
  sheetZh: '居民',
  columns: [
    COMMUNITY_CODE,
    COMPOUND_NAME,
    BUILDING,
    UNIT,
    ROOM,
    { key: 'name', zh: '姓名', aliases: ['name', '居民姓名'], required: true, kind: 'text', maxLength: 50, example: '张三', help: '居民姓名' },
    { key: 'idNumber', zh: '身份证号', aliases: ['id number', 'idNumber', '身份证号码', '公民身份号码', '证件号码'], required: false, kind: 'idNumber', example: '11010519491231002X', help: '18 位公民身份号码（旧 15 位自动升位）。请先把该列设置为“文本”格式，否则 Excel 会把号码变成科学计数法并丢失末几位' },
    { key: 'phone', zh: '手机号', aliases: ['phone', 'mobile', '手机', '联系电话', '手机号码'], required: false, kind: 'phone', example: '13800138000', help: '11 位手机号，可带 +86' },
    { key: 'politicalStatus', zh: '政治面貌', aliases: ['political status', 'politicalStatus'], required: false, kind: 'enum', options: POLITICAL_STATUS_OPTIONS, example: '群众', help: '中共党员、中共预备党员、共青团员、群众等（GB/T 4762 名称或两位代码）' },
    { key: 'relation', zh: '与户主关系', aliases: ['relation', '关系', '与户主的关系'], required: false, kind: 'enum', options: RELATION_OPTIONS, example: '户主', help: '户主（本人）、配偶、子女、父母等；填“户主”的一行即为该户户主，每户一名' },
    { key: 'tags', zh: '标签', aliases: ['tags', '人员标签', '人员类别'], required: false, kind: 'tags', options: RESIDENT_TAG_OPTIONS, example: '', help: '多个用逗号分隔，如：独居老人,退役军人；标签属敏感信息，加密保存' },
  ],
};

/** The column set of each importable entity. */
export const ENTITY_SPECS: Record<ImportEntity, EntitySpec> = {
  compounds: COMPOUND_COLUMNS,
  households: HOUSEHOLD_COLUMNS,
  residents: RESIDENT_COLUMNS,
};

/** The Chinese label of an option code, or the code itself when unknown. */
export function optionLabel(options: readonly EnumOption[], code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  return options.find((o) => o.code === code)?.zh ?? code;
}
