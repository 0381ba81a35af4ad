import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { seedPlaces, type TransferPlaces } from './testing/fixtures.ts';
import { makeResidentWorkbook, syntheticIdNumber } from './testing/workbook.ts';
import { commitImport } from './import.service.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportToXlsx, prepareExport, registerExportSource } from './export.service.ts';
import { idCheckChar } from '../../../shared/validators/idcard.ts';

let env: TestEnv;
let places: TransferPlaces;
let worker: Client;
const plainA: string[] = [];
const plainB: string[] = [];
const childId = (() => { const p17 = '511302' + '20180305' + '123'; return p17 + idCheckChar(p17); })();

beforeAll(async () => {
  env = await makeTestEnv();
  places = await seedPlaces(env.db, env.ctx());
  // Six residents in community A (one a child born 2018), four in community B, imported by the system actor.
  const fileA = await makeResidentWorkbook(6, { communityCode: places.communityA.code, compoundName: places.compoundA.name }, (i, r) => {
    r[6] = i === 5 ? childId : syntheticIdNumber(7000 + i);
    if (i === 5) r[5] = '李小宝';
    plainA.push(r[6]!, r[7]!);
    return r;
  });
  const fileB = await makeResidentWorkbook(4, { communityCode: places.communityB.code, compoundName: places.compoundB.name }, (i, r) => {
    r[6] = syntheticIdNumber(8000 + i);
    r[7] = '137' + String(8000 + i).padStart(8, '0');
    plainB.push(r[6]!, r[7]!);
    return r;
  });
  await commitImport(env.db, env.ctx(), 'residents', fileA, 'a.xlsx');
  await commitImport(env.db, env.ctx(), 'residents', fileB, 'b.xlsx');
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.communityA.path }]);
});
afterAll(async () => { await env?.close(); });

async function cellsOf(payload: Buffer): Promise<{ rows: string[][]; all: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return { rows, all: JSON.stringify(rows) };
}

describe('exports', () => {
  it('exports only the caller’s residents, with masked ID numbers and phones, a masked child name and a watermark title', async () => {
    const res = await worker.get('/api/exports/residents.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const { rows, all } = await cellsOf(res.rawPayload);
    expect(rows[0][0]).toMatch(/^居民 · 导出人 .+ · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · 仅限工作使用$/);
    expect(rows[1]).toEqual(['小区', '楼栋', '单元', '房号', '姓名', '性别', '年龄段', '身份证号', '手机号', '政治面貌', '与户主关系', '迁出日期']);
    const data = rows.slice(2);
    expect(data).toHaveLength(6);
    expect(new Set(data.map((r) => r[0]))).toEqual(new Set([places.compoundA.name]));
    for (const plain of [...plainA, ...plainB].filter(Boolean)) expect(all).not.toContain(plain);
    expect(data.map((r) => r[7])).toContain(syntheticIdNumber(7000).slice(0, 3) + '***********' + syntheticIdNumber(7000).slice(-4));
    expect(all).not.toContain('李小宝');
    expect(data.map((r) => r[4])).toContain('李*宝');
  });

  it('records the export in the audit log with entity, filters and row count', async () => {
    await worker.get(`/api/exports/residents.xlsx?compoundId=${places.compoundA.id}&q=${encodeURIComponent('李')}`);
    const entries = await env.db.selectFrom('audit_log').selectAll().where('action', '=', 'export.run').orderBy('seq', 'desc').execute();
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const detail = JSON.parse(entries[0].detail as string);
    expect(detail).toEqual({ entity: 'residents', filters: { compoundId: places.compoundA.id, q: '李' }, rows: 2 });
    expect(entries[0].actor_id).toBe(worker.userId);
  });

  it('exports compounds with Chinese labels under the same scope rules', async () => {
    const { rows } = await cellsOf((await worker.get('/api/exports/compounds.xlsx')).rawPayload);
    expect(rows.slice(2).map((r) => [r[1], r[3], r[11]])).toEqual([[places.compoundA.name, '商品房', '公开选聘']]);
  });

  it('refuses callers without export.run and unknown entities', async () => {
    const gridWorker = await env.user([{ roleKey: 'grid_worker', scopePath: places.communityA.path }]);
    expect((await gridWorker.get('/api/exports/residents.xlsx')).json().error.code).toBe('FORBIDDEN');
    expect((await worker.get('/api/exports/nothing.xlsx')).statusCode).toBe(404);
    expect((await worker.get('/api/exports/residents.xlsx?minor=maybe')).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('exports any registered row source through the same route, checks and audit', async () => {
    registerExportSource<{ n: number; secret: string }, Record<string, never>>({
      entity: 'test-numbers',
      sheetZh: '测试',
      permission: 'compound.read',
      parseFilter: () => ({}),
      fetchPage: async (_db, _ctx, _f, page, pageSize) => {
        const all = Array.from({ length: 2500 }, (_, i) => ({ n: i + 1, secret: 'x' }));
        return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
      },
      columns: [{ header: '序号', value: (r) => r.n }],
    });
    const { rows } = await cellsOf((await worker.get('/api/exports/test-numbers.xlsx')).rawPayload);
    expect(rows.length).toBe(2 + 2500);
    expect(rows[2501]).toEqual(['2500']);
  });

  it('writes an export to a file for the CLI', async () => {
    const file = path.join(os.tmpdir(), `gz-export-${process.pid}-${Date.now()}.xlsx`);
    try {
      const r = await exportToXlsx(env.db, env.ctx(), 'residents', {}, file);
      expect(r.rows).toBe(10);
      const { rows, all } = await cellsOf(fs.readFileSync(file));
      expect(rows).toHaveLength(12);
      expect(rows[0][0]).toContain('导出人 系统（system）');
      for (const plain of [...plainA, ...plainB].filter(Boolean)) expect(all).not.toContain(plain);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('refuses an export above the row cap with EXPORT_TOO_LARGE before writing anything', async () => {
    const before = await env.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'export.run').executeTakeFirstOrThrow();
    await expect(prepareExport(env.db, env.ctx(), 'residents', {}, { maxRows: 5 })).rejects.toMatchObject({ code: 'EXPORT_TOO_LARGE', params: { count: 10, max: 5 } });
    const after = await env.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'export.run').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
