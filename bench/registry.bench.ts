// Registry benchmark: 1,000,000 residents in 20,000 compounds on SQLite; API latency beside raw SQL; a 100,000-row import.
// Run: npm run bench:registry   (BENCH_SCALE=0.1 for a tenth of the size; BENCH_N=… requests per query)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDb, prefixUpperBound } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrations/index.ts';
import { systemClock } from '../src/server/lib/clock.ts';
import { makeKeyring } from '../src/server/lib/crypto.ts';
import { idNumberIndex } from '../src/server/lib/pii.ts';
import { createUserWithGrants, ensureBuiltinRoles, SYSTEM_ACTOR } from '../src/server/modules/accounts/index.ts';
import { createCompound } from '../src/server/modules/registry/index.ts';
import { commitImport, dryRunImport } from '../src/server/modules/transfer/index.ts';
import { makeResidentWorkbook } from '../src/server/modules/transfer/testing/workbook.ts';
import { buildBigRegistry } from './lib/fixture.ts';
import { ms, timeIt } from './lib/stats.ts';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const N = Number(process.env.BENCH_N ?? 400);
const IMPORT_ROWS = Math.round(100_000 * Math.min(1, scale));
const PASSWORD = 'Bench-pass-2026';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-'));
const file = path.join(dir, 'gongzhi.db');
const keys = makeKeyring(crypto.randomBytes(32));
const log = (s: string) => console.log(s);

{
  const db = openDb({ databaseUrl: null, sqliteFile: file });
  await migrateToLatest(db);
  await db.destroy();
}
let t = performance.now();
const big = buildBigRegistry(file, keys, {
  counties: 4, streetsPerCounty: 10, communitiesPerStreet: 10,
  compoundsPerCommunity: Math.max(1, Math.round(50 * scale)), householdsPerCompound: 20, residentsPerCompound: 50,
});
log(`built ${big.residents.toLocaleString()} residents in ${big.compoundIds.length.toLocaleString()} compounds (${big.communities.length} communities) in ${((performance.now() - t) / 1000).toFixed(1)} s; file ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);

const db = openDb({ databaseUrl: null, sqliteFile: file });
const deps = { db, config: { ...loadConfig({}), dataDir: dir }, clock: systemClock, keys };
await ensureBuiltinRoles(db, systemClock);
const community = big.communities[137];
const street = big.streets[13];
await createUserWithGrants(db, deps, { username: 'bench_worker', displayName: '社区工作者', password: PASSWORD, grants: [{ roleKey: 'community_worker', scopePath: community.path }] });
await createUserWithGrants(db, deps, { username: 'bench_street', displayName: '街道管理员', password: PASSWORD, grants: [{ roleKey: 'street_admin', scopePath: street.path }] });
await createUserWithGrants(db, deps, { username: 'bench_city', displayName: '全市', password: PASSWORD, grants: [{ roleKey: 'street_admin', scopePath: '/515100/' }] });
const app = await buildApp(deps);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

async function session(username: string) {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get('set-cookie')!.split(';')[0];
  return async (url: string) => {
    const res = await fetch(base + url, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}
const asWorker = await session('bench_worker');
const asStreet = await session('bench_street');

const raw = new SQLite(file, { readonly: true });
const rawPage = raw.prepare(`SELECT c.*, r.name AS community_name, g.name AS grid_name FROM compound c JOIN region r ON r.id = c.community_id
  LEFT JOIN grid g ON g.id = c.grid_id WHERE c.scope_path >= ? AND c.scope_path < ? AND c.housing_type = ? ORDER BY c.build_year DESC, c.id LIMIT 20 OFFSET ?`);
const rawCount = raw.prepare('SELECT count(*) AS n FROM compound WHERE scope_path >= ? AND scope_path < ? AND housing_type = ?');
const rawDetail = raw.prepare(`SELECT c.*, r.name AS community_name FROM compound c JOIN region r ON r.id = c.community_id WHERE c.id = ?`);
const rawCounts = raw.prepare(`SELECT (SELECT count(*) FROM building WHERE compound_id = ?) b, (SELECT count(*) FROM household WHERE compound_id = ?) h,
  (SELECT count(*) FROM resident WHERE compound_id = ? AND moved_out_on IS NULL) r`);
const rawFive = raw.prepare(`SELECT
  EXISTS (SELECT 1 FROM org WHERE compound_id = ? AND type IN ('branch','joint_branch','general_branch','party_committee')) p,
  EXISTS (SELECT 1 FROM compound_document WHERE compound_id = ? AND kind = 'work_plan') w,
  EXISTS (SELECT 1 FROM pairing WHERE target_compound_id = ? AND kind = 'responsible_leader') l,
  EXISTS (SELECT 1 FROM pairing WHERE target_compound_id = ? AND kind IN ('contact_unit','co_building')) u,
  EXISTS (SELECT 1 FROM org WHERE compound_id = ? AND type = 'volunteer_team') v`);
const rawLookup = raw.prepare(`SELECT id, name, id_number_mask, phone_mask, compound_id FROM resident WHERE id_number_bidx = ? AND scope_path >= ? AND scope_path < ?`);

const communityCompounds = raw.prepare('SELECT id FROM compound WHERE community_id = ?').all(community.id).map((r) => (r as { id: string }).id);
const cityIds = big.sampleIds;
const types = ['commodity', 'reformed', 'public', 'affordable', 'cooperative'];
const rows: { name: string; api: Awaited<ReturnType<typeof timeIt>>; sql: Awaited<ReturnType<typeof timeIt>> }[] = [];

async function measure(name: string, api: (i: number) => Promise<unknown>, sqlFn: (i: number) => unknown) {
  const a = await timeIt(N, 30, api);
  const s = await timeIt(N, 30, sqlFn);
  rows.push({ name, api: a, sql: s });
}

await measure('compound list, community scope (20 rows, housing type, by build year)',
  (i) => asWorker(`/api/compounds?housingType=${types[i % 5]}&sort=build_year&dir=desc&pageSize=20`),
  (i) => { rawCount.get(community.path, prefixUpperBound(community.path), types[i % 5]); return rawPage.all(community.path, prefixUpperBound(community.path), types[i % 5], 0); });
await measure('compound list, street scope (20 rows, housing type, by build year, page 3)',
  (i) => asStreet(`/api/compounds?housingType=${types[i % 5]}&sort=build_year&dir=desc&pageSize=20&page=3`),
  (i) => { rawCount.get(street.path, prefixUpperBound(street.path), types[i % 5]); return rawPage.all(street.path, prefixUpperBound(street.path), types[i % 5], 40); });
await measure('compound detail with five-ones and counts',
  (i) => asWorker(`/api/compounds/${communityCompounds[i % communityCompounds.length]}`),
  (i) => { const id = communityCompounds[i % communityCompounds.length]; rawDetail.get(id); rawCounts.get(id, id, id); return rawFive.get(id, id, id, id, id); });
const asCity = await session('bench_city');
await measure('resident lookup by ID number (city-wide scope)',
  (i) => asCity(`/api/residents?idNumber=${cityIds[i % cityIds.length].idNumber}`),
  (i) => rawLookup.all(idNumberIndex(keys, cityIds[i % cityIds.length].idNumber), '/515100/', prefixUpperBound('/515100/')));
await app.close();

log(`\nHTTP on 127.0.0.1 (sequential, keep-alive, ${N} requests each after 30 warm-up) beside the same query as raw SQL through better-sqlite3:`);
log('| query | API p50 ms | API p95 ms | raw SQL p50 ms | raw SQL p95 ms |');
log('|---|---|---|---|---|');
for (const r of rows) log(`| ${r.name} | ${ms(r.api.p50)} | ${ms(r.api.p95)} | ${ms(r.sql.p50)} | ${ms(r.sql.p95)} |`);

const ctx = { actor: SYSTEM_ACTOR, keys, clock: systemClock };
const target = big.communities[3];
await createCompound(db, ctx, { communityId: target.id, name: '导入基准小区', housingType: 'reformed', propertyMode: 'community_run' });
t = performance.now();
const wb = await makeResidentWorkbook(IMPORT_ROWS, { communityCode: target.code, compoundName: '导入基准小区' });
log(`\nimport: generated a ${IMPORT_ROWS.toLocaleString()}-row resident workbook (${(wb.length / 1e6).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
t = performance.now();
const dry = await dryRunImport(db, ctx, 'residents', wb, 'bench.xlsx');
log(`import dry run: ${dry.rows.toLocaleString()} rows, ${dry.problemCount} problems in ${((performance.now() - t) / 1000).toFixed(1)} s`);
t = performance.now();
const done = await commitImport(db, ctx, 'residents', wb, 'bench.xlsx');
log(`import commit: ${JSON.stringify(done)} in ${((performance.now() - t) / 1000).toFixed(1)} s (target < 60 s)`);
log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
await db.destroy();
raw.close();
fs.rmSync(dir, { recursive: true, force: true });
