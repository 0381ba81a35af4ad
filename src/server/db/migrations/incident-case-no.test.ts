import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type TestEnv } from '../../testing/harness.ts';
import { cst, incidentPlaces } from '../../modules/incidents/testing/fixture.ts';
import { migrateToLatest, migrator } from './index.ts';

let env: TestEnv;
beforeAll(async () => { env = await makeTestEnv(); });
afterAll(async () => { await env?.close(); });

describe('migration 0014: incident case numbers', () => {
  it('numbers the incidents already stored by China-time day in report order, and new reports go on from there', async () => {
    env.clock.set(cst('2026-08-05T09:00:00'));
    const p = await incidentPlaces(env);
    const report = async (at: string) => {
      env.clock.set(cst(at));
      const r = await p.gridWorker.post('/api/incidents', { categoryCode: '0106', description: `报告 ${at}`, compoundId: p.compound.id, sourceChannel: 'patrol' });
      expect(r.statusCode).toBe(201);
      return r.json().id as string;
    };
    const late = await report('2026-08-03T23:50:00');
    const early = await report('2026-08-03T09:00:00');
    const nextDay = await report('2026-08-04T00:10:00');
    const schema = env.dialect === 'postgres' ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(env.db)).rows[0].s : undefined;
    const down = await migrator(env.db, schema).migrateTo('20261127_0013_incident_indexes');
    expect(down.results?.find((r) => r.migrationName === '20261127_0014_incident_case_no')).toMatchObject({ direction: 'Down', status: 'Success' });
    expect(await migrateToLatest(env.db, schema)).toContain('20261127_0014_incident_case_no');
    const numbers = Object.fromEntries((await env.db.selectFrom('incident').select(['id', 'case_no']).execute()).map((r) => [r.id, r.case_no]));
    expect([numbers[early], numbers[late], numbers[nextDay]]).toEqual(['2026080300001', '2026080300002', '2026080400001']);
    env.clock.set(cst('2026-08-04T00:20:00'));
    const after = await p.gridWorker.post('/api/incidents', { categoryCode: '0106', description: '迁移之后', compoundId: p.compound.id, sourceChannel: 'patrol' });
    expect([after.statusCode, after.json().caseNo, after.body.slice(0, 200)]).toEqual([201, '2026080400002', expect.any(String)]);
  });
});
