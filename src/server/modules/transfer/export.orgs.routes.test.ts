import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { createOrg, createPairing } from '../orgs/index.ts';
import { seedPlaces, type TransferPlaces } from './testing/fixtures.ts';

let env: TestEnv;
let places: TransferPlaces;
let worker: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  const ctx = env.ctx();
  places = await seedPlaces(env.db, ctx);
  await createOrg(env.db, ctx, { type: 'branch', name: '甲小区党支部', compoundId: places.compoundA.id, foundedOn: '2022-01-01' });
  await createOrg(env.db, ctx, { type: 'branch', name: '乙小区党支部', compoundId: places.compoundB.id, foundedOn: '2022-01-01' });
  await createPairing(env.db, ctx, { kind: 'contact_unit', partnerKind: 'unit', partnerName: '市财政局', targetCompoundId: places.compoundA.id, startOn: '2023-01-01' });
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.communityA.path }]);
});
afterAll(async () => { await env?.close(); });

async function rowsOf(payload: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

describe('exports of the orgs lists', () => {
  it('lists the exportable lists', async () => {
    expect((await worker.get('/api/exports')).json().items).toEqual(expect.arrayContaining(['compounds', 'residents', 'households', 'orgs', 'five-ones', 'org-warnings']));
  });

  it('exports only the caller’s organisations', async () => {
    const rows = await rowsOf((await worker.get('/api/exports/orgs.xlsx')).rawPayload);
    const names = rows.slice(2).map((r) => r[0]);
    expect(names).toContain('甲小区党支部');
    expect(names).not.toContain('乙小区党支部');
  });

  it('exports the five-ones checklist with the list’s filters', async () => {
    const res = await worker.get('/api/exports/five-ones.xlsx?missing=contact_unit');
    expect(res.statusCode).toBe(200);
    const rows = (await rowsOf(res.rawPayload)).slice(2);
    expect(rows.map((r) => r[1])).not.toContain(places.compoundA.name);
  });

  it('exports the term warnings and records the export in the audit log', async () => {
    const res = await worker.get('/api/exports/org-warnings.xlsx?code=BRANCH_TOO_FEW_MEMBERS');
    expect(res.statusCode).toBe(200);
    const rows = (await rowsOf(res.rawPayload)).slice(2);
    expect(rows.map((r) => r[2])).toEqual(['甲小区党支部']);
    const audit = await env.db.selectFrom('audit_log').select('detail').where('action', '=', 'export.run').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toContain('org-warnings');
  });

  it('refuses an unknown warning code with a field problem', async () => {
    const res = await worker.get('/api/exports/org-warnings.xlsx?code=NOPE');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('code');
  });
});
