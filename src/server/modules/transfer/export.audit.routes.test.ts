import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let auditor: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  auditor = await env.user([{ roleKey: 'audit_admin', scopePath: '/' }]);
});
afterAll(async () => { await env?.close(); });

describe('audit log export', () => {
  it('gives the auditor the log as a workbook, filtered like the list', async () => {
    const res = await auditor.get('/api/exports/audit.xlsx?action=auth.login');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const actions: string[] = [];
    wb.worksheets[0].eachRow((row, n) => { if (n > 2) actions.push(String(row.getCell(6).value)); });
    expect(actions.length).toBeGreaterThanOrEqual(1);
    expect(new Set(actions)).toEqual(new Set(['auth.login']));
  });

  it('refuses the export to someone who may not read the log', async () => {
    const worker = await env.user([{ roleKey: 'community_worker', scopePath: '/' }]);
    const res = await worker.get('/api/exports/audit.xlsx');
    expect(res.statusCode).toBe(403);
  });
});
