import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { seedPlaces, type TransferPlaces } from './testing/fixtures.ts';
import { makeResidentWorkbook, syntheticIdNumber } from './testing/workbook.ts';
import { encodeGbk } from './testing/gbk.ts';
import { idNumberIndex } from '../../lib/pii.ts';
import { idCheckChar } from '../../../shared/validators/idcard.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let env: TestEnv;
let places: TransferPlaces;
let worker: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  places = await seedPlaces(env.db, env.ctx());
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.communityA.path }]);
});
afterAll(async () => { await env?.close(); });

async function counts() {
  const c = async (t: 'resident' | 'household' | 'building' | 'compound') => Number((await env.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { residents: await c('resident'), households: await c('household'), buildings: await c('building'), compounds: await c('compound') };
}

const placeA = () => ({ communityCode: places.communityA.code, compoundName: places.compoundA.name });

/** Replaces the last character of an ID number by a wrong check character. */
function breakCheck(id: string): string {
  const last = id[17];
  return id.slice(0, 17) + (last === '0' ? '1' : '0');
}

describe('resident import', () => {
  // Rows 0..9 of a series no other test uses (offset 1000).
  const offset = 1000;
  const good = (i: number, r: (string | null)[]) => { r[6] = syntheticIdNumber(offset + i); r[7] = '139' + String(offset + i).padStart(8, '0'); r[2] = 'A' + r[2]; return r; };
  const bad = (i: number, r: (string | null)[]) => { good(i, r); if (i === 4) r[6] = breakCheck(r[6]!); return r; };

  it('reports a bad ID number with its row, the column 身份证号, the masked value and ID_CHECK_CHAR, and commits nothing', async () => {
    const file = await makeResidentWorkbook(10, placeA(), bad);
    const res = await worker.upload('/api/imports/residents/dry-run', file, XLSX);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    const plain = breakCheck(syntheticIdNumber(offset + 4));
    expect(report).toMatchObject({ entity: 'residents', rows: 10, valid: 9, problemCount: 1 });
    expect(report.problems).toEqual([
      expect.objectContaining({ sheet: '居民', row: 6, column: '身份证号', value: plain.slice(0, 3) + '*'.repeat(11) + plain.slice(-4), code: 'ID_CHECK_CHAR' }),
    ]);
    expect(report.problems[0].zh).toContain('校验位');
    expect(JSON.stringify(report)).not.toContain(plain);
    expect(report.preview).toHaveLength(10);
    expect(JSON.stringify(report.preview)).not.toContain(syntheticIdNumber(offset));

    const before = await counts();
    const commit = await worker.upload('/api/imports/residents/commit', file, XLSX);
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error.code).toBe('IMPORT_INVALID');
    expect(commit.json().error.details.problems[0]).toMatchObject({ row: 6, code: 'ID_CHECK_CHAR' });
    expect(await counts()).toEqual(before);
  });

  it('commits every row of the fixed file in one go, with ID numbers and phones stored encrypted', async () => {
    const file = await makeResidentWorkbook(10, placeA(), good);
    const before = await counts();
    const commit = await worker.upload('/api/imports/residents/commit', file, XLSX);
    expect(commit.statusCode).toBe(200);
    expect(commit.json()).toEqual({ written: 10, rows: 10 });
    const after = await counts();
    expect(after.residents - before.residents).toBe(10);
    expect(after.households - before.households).toBe(4);
    expect(after.buildings - before.buildings).toBe(1);
    const plain = syntheticIdNumber(offset);
    const rows = await env.db.selectFrom('resident').selectAll().where('compound_id', '=', places.compoundA.id).execute();
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(plain);
    expect(stored).not.toContain('139' + String(offset).padStart(8, '0'));
    const first = rows.find((r) => r.id_number_bidx === idNumberIndex(env.keys, plain))!;
    expect(first.id_number_mask).toBe(plain.slice(0, 3) + '***********' + plain.slice(-4));
    expect(env.keys.decrypt(first.id_number_enc!)).toBe(plain);
    const hh = await env.db.selectFrom('household').selectAll().where('id', '=', first.household_id!).executeTakeFirstOrThrow();
    expect(hh.head_resident_id).toBe(first.id);
    expect(hh.status).toBe('resident');
    const audit = await env.db.selectFrom('audit_log').selectAll().where('action', '=', 'import.commit').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail as string)).toMatchObject({ entity: 'residents', rows: 10, fileName: 'residents.xlsx' });
    expect(JSON.parse(audit[0].detail as string).sha256).toMatch(/^[0-9a-f]{64}$/);

    // The same file again: every ID number is now registered.
    const again = (await worker.upload('/api/imports/residents/dry-run', file, XLSX)).json();
    expect(again.problemCount).toBe(10);
    expect(again.problems.every((p: { code: string; zh: string }) => p.code === 'ID_DUPLICATE' && p.zh.includes(places.compoundA.name))).toBe(true);
  });

  it('reports the second occurrence of an ID number within the file as DUPLICATE_VALUE', async () => {
    const file = await makeResidentWorkbook(5, placeA(), (i, r) => { r[6] = syntheticIdNumber(2000 + (i === 3 ? 1 : i)); r[7] = null; return r; });
    const report = (await worker.upload('/api/imports/residents/dry-run', file, XLSX)).json();
    expect(report.problems).toEqual([expect.objectContaining({ row: 5, column: '身份证号', code: 'DUPLICATE_VALUE' })]);
    expect(report.problems[0].zh).toContain('第 3 行');
  });

  it('reports rows in a community outside the caller’s scope as OUT_OF_SCOPE_REF', async () => {
    const file = await makeResidentWorkbook(3, placeA(), (i, r) => {
      r[6] = syntheticIdNumber(3000 + i);
      if (i === 1) { r[0] = places.communityB.code; r[1] = places.compoundB.name; }
      return r;
    });
    const report = (await worker.upload('/api/imports/residents/dry-run', file, XLSX)).json();
    expect(report.problems).toEqual([expect.objectContaining({ row: 3, column: '社区代码', value: places.communityB.code, code: 'OUT_OF_SCOPE_REF' })]);
  });

  it('reports an unknown compound and an unknown community code as NOT_FOUND_REF', async () => {
    const file = await makeResidentWorkbook(2, placeA(), (i, r) => {
      r[6] = syntheticIdNumber(3100 + i);
      if (i === 0) r[1] = '不存在小区';
      else r[0] = '511302001099';
      return r;
    });
    const report = (await worker.upload('/api/imports/residents/dry-run', file, XLSX)).json();
    expect(report.problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code])).toEqual([
      [2, '小区名称', 'NOT_FOUND_REF'],
      [3, '社区代码', 'NOT_FOUND_REF'],
    ]);
  });

  it('parses a GBK CSV without BOM and tells an ID number Excel turned into a number to be formatted as text', async () => {
    const id = syntheticIdNumber(4000);
    const text = [
      '社区代码,小区名称,楼栋,单元,房号,姓名,身份证号,手机号,政治面貌,与户主关系,标签,备注',
      `${places.communityA.code},${places.compoundA.name},9栋,1,101,王小明,${id},13912345678,中共党员,户主,"独居老人，退役军人",无`,
      `${places.communityA.code},${places.compoundA.name},9栋,1,101,王大明,5.11302E+17,,群众,配偶,,`,
    ].join('\r\n');
    const res = await worker.upload('/api/imports/residents/dry-run', encodeGbk(text), 'text/csv');
    const report = res.json();
    expect(report.rows).toBe(2);
    expect(report.warnings).toEqual([expect.objectContaining({ column: '备注', code: 'UNKNOWN_COLUMN' })]);
    expect(report.problems).toEqual([expect.objectContaining({ row: 3, column: '身份证号', code: 'ID_FORMAT' })]);
    expect(report.problems[0].zh).toContain('文本');
    expect(report.preview[0].values['姓名']).toBe('王小明');
    expect(report.preview[0].values['手机号']).toBe('139****5678');
  });

  it('masks the name of a child under 14 in the preview', async () => {
    const p17 = '511302' + '20200101' + '001';
    const text = `社区代码,小区名称,房号,姓名,身份证号\n${places.communityA.code},${places.compoundA.name},901,张小明,${p17 + idCheckChar(p17)}\n`;
    const report = (await worker.upload('/api/imports/residents/dry-run', Buffer.from(text), 'text/csv')).json();
    expect(report.problemCount).toBe(0);
    expect(report.preview[0].values['姓名']).toBe('张*明');
    expect(JSON.stringify(report)).not.toContain('张小明');
  });

  it('refuses a file missing required columns as a whole', async () => {
    const csv = Buffer.from('姓名,身份证号\n张三,11010519491231002X\n');
    const report = (await worker.upload('/api/imports/residents/dry-run', csv, 'text/csv')).json();
    expect(report.valid).toBe(0);
    expect(report.problems.map((p: { column: string; code: string }) => `${p.column}:${p.code}`)).toEqual(['社区代码:MISSING_COLUMN', '小区名称:MISSING_COLUMN', '房号:MISSING_COLUMN']);
  });

  it('answers the problems as an .xlsx with Chinese headers', async () => {
    const file = await makeResidentWorkbook(3, placeA(), (i, r) => { r[6] = i === 2 ? breakCheck(syntheticIdNumber(5000)) : syntheticIdNumber(5000 + i); return r; });
    const res = await worker.upload('/api/imports/residents/dry-run?format=xlsx', file, XLSX);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '工作表', '行', '列', '值', '问题', 'Problem']);
    expect(ws.getRow(2).getCell(2).value).toBe(4);
    expect(ws.getRow(2).getCell(3).value).toBe('身份证号');
  });

  it('refuses callers without import.run with 403', async () => {
    const leader = await env.user([{ roleKey: 'leader', scopePath: places.communityA.path }]);
    const res = await leader.upload('/api/imports/residents/dry-run', Buffer.from('a,b\n'), 'text/csv');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('serves a template whose header row matches the import columns, with an explanation sheet', async () => {
    const res = await worker.get('/api/imports/residents/template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['居民', '填写说明']);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['社区代码', '小区名称', '楼栋', '单元', '房号', '姓名', '身份证号', '手机号', '政治面貌', '与户主关系', '标签']);
    // The template itself passes a dry run except for its example ID number being registered nowhere: no problems.
    const dry = (await worker.upload('/api/imports/residents/dry-run', res.rawPayload, XLSX)).json();
    expect(dry.rows).toBe(1);
  });
});

describe('compound and household import', () => {
  it('creates compounds from Chinese labels and refuses a name the community already has', async () => {
    const text = [
      '社区代码,小区名称,地址,房屋类型,建成年份,楼栋数,户数,建筑面积,是否封闭,物业费收缴率,改造批次年份,物业模式,纬度,经度,网格编码',
      `${places.communityA.code},新建小区一,幸福路1号,房改房,1998,6,200,18000.5,是,85%,2021,社区领办,30.79,106.08,`,
      `${places.communityA.code},${places.compoundA.name},幸福路2号,商品房,2005,,,,否,0.9,,公开选聘,,,`,
      `${places.communityA.code},新建小区一,幸福路3号,公房,1990,,,,否,,,自主管理,,,`,
    ].join('\n');
    const withHalfPosition = text + `\n${places.communityA.code},新建小区二,,商品房,,,,,,,,公开选聘,30.1,,`;
    const report = (await worker.upload('/api/imports/compounds/dry-run', Buffer.from(withHalfPosition), 'text/csv')).json();
    expect(report.problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code])).toEqual([
      [3, '小区名称', 'DUPLICATE_VALUE'], [4, '小区名称', 'DUPLICATE_VALUE'], [5, '经度', 'REQUIRED'],
    ]);
    const ok = text.split('\n').slice(0, 2).join('\n');
    const before = await counts();
    const res = await worker.upload('/api/imports/compounds/commit', Buffer.from(ok), 'text/csv');
    expect(res.json()).toEqual({ written: 1, rows: 1 });
    expect((await counts()).compounds).toBe(before.compounds + 1);
    const c = await env.db.selectFrom('compound').selectAll().where('name', '=', '新建小区一').executeTakeFirstOrThrow();
    expect(c).toMatchObject({ housing_type: 'reformed', property_mode: 'community_run', enclosed: 1, fee_collection_rate: 0.85, build_year: 1998 });
    expect(c.scope_path).toBe(places.communityA.path + c.id + '/');
  });

  it('creates households and their buildings, and refuses the same dwelling twice', async () => {
    const text = [
      '社区代码,小区名称,楼栋,单元,房号,居住状态,面积',
      `${places.communityA.code},${places.compoundA.name},H1栋,1,101,自住,89.5`,
      `${places.communityA.code},${places.compoundA.name},H1栋,1,102,空置,`,
      `${places.communityA.code},${places.compoundA.name},H1栋,1,101,外出,`,
    ].join('\n');
    const report = (await worker.upload('/api/imports/households/dry-run', Buffer.from(text), 'text/csv')).json();
    expect(report.problems).toEqual([expect.objectContaining({ row: 4, column: '房号', code: 'DUPLICATE_VALUE' })]);
    const before = await counts();
    const res = await worker.upload('/api/imports/households/commit', Buffer.from(text.split('\n').slice(0, 3).join('\n')), 'text/csv');
    expect(res.json()).toEqual({ written: 2, rows: 2 });
    const after = await counts();
    expect([after.households - before.households, after.buildings - before.buildings]).toEqual([2, 1]);
    const statuses = await env.db.selectFrom('household').innerJoin('building', 'building.id', 'household.building_id').select(['household.status', 'household.room']).where('building.name', '=', 'H1栋').orderBy('household.room').execute();
    expect(statuses).toEqual([{ status: 'resident', room: '101' }, { status: 'vacant', room: '102' }]);
  });
});
