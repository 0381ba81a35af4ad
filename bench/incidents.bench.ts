// Incident benchmark: 1,000,000 incidents over a year in the demo city on SQLite; the real app under autocannon (create,
// a grid worker's task list, detail) beside a bare Fastify + SQLite insert and select; the street KPI table for a year.
// Run: npm run bench:incidents   (BENCH_INCIDENTS=100000 for a smaller city; BENCH_DURATION=10 s per load; BENCH_CONNECTIONS=50;
// BENCH_REBUILD=1 to rebuild the cached city in bench/out/incidents-<N>/)
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { applySqlitePragmas, openDb, prefixUpperBound } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrations/index.ts';
import { systemClock } from '../src/server/lib/clock.ts';
import { makeKeyring } from '../src/server/lib/crypto.ts';
import { createUserWithGrants, ensureBuiltinRoles, SYSTEM_ACTOR } from '../src/server/modules/accounts/index.ts';
import { loadDemoIfEmpty } from '../src/server/modules/demo/index.ts';
import { ensurePresets } from '../src/server/modules/methods/index.ts';
import { addGridWorker } from '../src/server/modules/registry/index.ts';
import type { LoadResult, LoadSpec } from './lib/cannon.ts';
import { buildIncidents } from './lib/incident-fixture.ts';
import { ms, percentile } from './lib/stats.ts';

const N = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP = 2;
const FIXTURE_VERSION = 2;
const PASSWORD = 'Bench-pass-2026';
const DEMO_COMMUNITY = '515102001001';
const DEMO_STREET = '515102001';

const dir = path.resolve(import.meta.dirname, 'out', `incidents-${N}`);
const cityFile = path.join(dir, 'city.db');
const metaFile = path.join(dir, 'city.json');
const runFile = path.join(dir, 'run.db');
const bareFile = path.join(dir, 'bare.db');
// A fixed key: the cached city's encrypted fields stay readable from run to run.
const keys = makeKeyring(crypto.createHash('sha256').update('gongzhi-bench-incidents').digest());
const log = (s: string) => console.log(s);

/** What the cached city holds besides the database, for picking targets. */
interface Meta {
  version: number;
  incidents: number;
  events: number;
  now: string;
  buildSeconds: { demo: number; incidents: number };
  community: { id: string; path: string; compoundIds: string[] };
  street: { id: string; path: string; name: string };
  detailIds: string[];
}

function readMeta(): Meta | null {
  if (process.env.BENCH_REBUILD || !fs.existsSync(cityFile) || !fs.existsSync(metaFile)) return null;
  const m = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Meta;
  return m.version === FIXTURE_VERSION && m.incidents === N ? m : null;
}

/** The demo city through the app's own loaders, two people to act as, then a year of incidents in bulk. */
async function buildCity(): Promise<Meta> {
  fs.mkdirSync(dir, { recursive: true });
  const tmp = cityFile + '.building';
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, cityFile, metaFile]) fs.rmSync(f, { force: true });
  let t = performance.now();
  const db = openDb({ databaseUrl: null, sqliteFile: tmp });
  await migrateToLatest(db);
  await ensureBuiltinRoles(db, systemClock);
  await ensurePresets(db, systemClock);
  await loadDemoIfEmpty(db, { keys, clock: systemClock }, { householdsPerCompound: 2 });
  const community = await db.selectFrom('region').select(['id', 'scope_path']).where('code', '=', DEMO_COMMUNITY).executeTakeFirstOrThrow();
  const street = await db.selectFrom('region').select(['id', 'scope_path', 'name']).where('code', '=', DEMO_STREET).executeTakeFirstOrThrow();
  const grid = await db.selectFrom('grid').select('id').where('community_id', '=', community.id).orderBy('code').executeTakeFirstOrThrow();
  const compoundIds = (await db.selectFrom('compound').select('id').where('community_id', '=', community.id).execute()).map((r) => r.id);
  const deps = { keys, clock: systemClock };
  const workerId = await createUserWithGrants(db, deps, { username: 'bench_grid', displayName: '基准网格员', password: PASSWORD, grants: [{ roleKey: 'grid_worker', scopePath: community.scope_path }] });
  await addGridWorker(db, { actor: SYSTEM_ACTOR, ...deps }, grid.id, { name: '基准网格员', userId: workerId, duty: 'worker' });
  await createUserWithGrants(db, deps, { username: 'bench_street', displayName: '基准街道管理员', password: PASSWORD, grants: [{ roleKey: 'street_admin', scopePath: street.scope_path }] });
  await db.destroy();
  const demo = (performance.now() - t) / 1000;
  log(`demo city with two bench users in ${demo.toFixed(1)} s`);
  t = performance.now();
  const built = buildIncidents(tmp, { gridWorker: { userId: workerId, name: '基准网格员', gridId: grid.id } }, N, Date.now());
  const incidents = (performance.now() - t) / 1000;
  const raw = new SQLite(tmp, { readonly: true });
  const detailIds = raw.prepare('SELECT id FROM incident WHERE scope_path >= ? AND scope_path < ? ORDER BY random() LIMIT 20000')
    .all(street.scope_path, prefixUpperBound(street.scope_path)).map((r) => (r as { id: string }).id);
  raw.close();
  fs.renameSync(tmp, cityFile);
  const meta: Meta = {
    version: FIXTURE_VERSION, incidents: N, events: built.events, now: built.now, buildSeconds: { demo, incidents },
    community: { id: community.id, path: community.scope_path, compoundIds }, street: { id: street.id, path: street.scope_path, name: street.name }, detailIds,
  };
  fs.writeFileSync(metaFile, JSON.stringify(meta));
  return meta;
}

/** Runs one load in a child process (see lib/cannon.ts) and reads its figures. */
async function load(name: string, spec: Omit<LoadSpec, 'connections' | 'duration' | 'warmup'>): Promise<LoadResult & { name: string }> {
  const specFile = path.join(dir, `load-${process.pid}.json`);
  fs.writeFileSync(specFile, JSON.stringify({ ...spec, connections: CONNECTIONS, duration: DURATION, warmup: WARMUP }));
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'lib', 'cannon.ts'), specFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (b: Buffer) => { text += b.toString(); });
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`${name}: load generator exited with ${code}`))));
  });
  fs.rmSync(specFile, { force: true });
  const r = JSON.parse(out.trim().split('\n').pop()!) as LoadResult;
  log(`  ${name}: ${Math.round(r.rps)} req/s, p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms, p99 ${ms(r.p99)} ms${r.non2xx ? `, non-2xx ${r.non2xx} ${JSON.stringify(r.codes)}` : ''}${r.errors ? `, errors ${r.errors}` : ''}`);
  return { name, ...r };
}

/** The reference limit: Fastify with one insert route and one select-by-id route over one SQLite table, same settings as the app. */
async function bareApp() {
  for (const f of [bareFile, `${bareFile}-wal`, `${bareFile}-shm`]) fs.rmSync(f, { force: true });
  const sqlite = new SQLite(bareFile);
  applySqlitePragmas(sqlite, config.sqliteCacheMb);
  sqlite.exec('CREATE TABLE bench_row (id INTEGER PRIMARY KEY, client_id TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL)');
  const seed = sqlite.prepare('INSERT INTO bench_row (client_id, body, created_at) VALUES (?, ?, ?)');
  sqlite.transaction(() => { for (let i = 0; i < 100_000; i++) seed.run(crypto.randomUUID(), '{"description":"seed"}', new Date().toISOString()); })();
  const ins = sqlite.prepare('INSERT INTO bench_row (client_id, body, created_at) VALUES (?, ?, ?)');
  const sel = sqlite.prepare('SELECT * FROM bench_row WHERE id = ?');
  const app = Fastify();
  app.post('/rows', async (req, reply) => {
    const b = req.body as { id: string };
    const r = ins.run(b.id, JSON.stringify(b), new Date().toISOString());
    return reply.status(201).send({ id: Number(r.lastInsertRowid) });
  });
  app.get('/rows/:id', async (req, reply) => {
    const row = sel.get(Number((req.params as { id: string }).id));
    return row ?? reply.status(404).send({ error: 'not found' });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, sqlite, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

async function token(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  const t = await fetch(`${base}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'bench' }) });
  if (t.status !== 201) throw new Error(`token ${username}: ${t.status} ${await t.text()}`);
  return ((await t.json()) as { token: string }).token;
}

const cached = readMeta();
if (cached) {
  // Migrations added since the city was built (new indexes, new tables) go into the cache once, not into every copy.
  const cache = openDb({ databaseUrl: null, sqliteFile: cityFile });
  const applied = await migrateToLatest(cache);
  await cache.destroy();
  if (applied.length) log(`applied ${applied.join(', ')} to the cached city`);
}
const meta = cached ?? (await buildCity());
const cityMb = fs.statSync(cityFile).size / 1e6;
log(cached
  ? `reusing ${cityFile}: ${meta.incidents.toLocaleString()} incidents, ${meta.events.toLocaleString()} timeline entries (${cityMb.toFixed(0)} MB; built in ${meta.buildSeconds.incidents.toFixed(0)} s)`
  : `built ${meta.incidents.toLocaleString()} incidents with ${meta.events.toLocaleString()} timeline entries in ${meta.buildSeconds.incidents.toFixed(1)} s (demo city ${meta.buildSeconds.demo.toFixed(1)} s); ${cityMb.toFixed(0)} MB`);

// Every run starts from the same city: the loads below add incidents to a copy.
for (const f of [runFile, `${runFile}-wal`, `${runFile}-shm`]) fs.rmSync(f, { force: true });
fs.copyFileSync(cityFile, runFile);
// Flush the copy now: left dirty, the first checkpoints' fsync would write gigabytes in the middle of a measurement.
{
  const fd = fs.openSync(runFile, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}
const config = { ...loadConfig({}), dataDir: dir };
const db = openDb({ databaseUrl: null, sqliteFile: runFile, sqliteCacheMb: config.sqliteCacheMb });
await migrateToLatest(db);
const results: (LoadResult & { name: string })[] = [];

log(`\nreference: bare Fastify + SQLite (${CONNECTIONS} connections, ${DURATION} s each after ${WARMUP} s warm-up)`);
const bare = await bareApp();
const bareInsert = await load('bare insert (POST /rows)', { url: bare.url, method: 'POST', path: '/rows', headers: { 'content-type': 'application/json' }, body: { description: '3 栋 2 单元楼道堆放杂物' }, uniqueId: true });
const bareSelect = await load('bare select by id (GET /rows/:id)', { url: bare.url, method: 'GET', path: '/rows/', headers: {}, pathIds: Array.from({ length: 100_000 }, (_, i) => String(i + 1)) });
await bare.app.close();
bare.sqlite.close();

const deps = { db, config, clock: systemClock, keys };
const app = await buildApp(deps, { webRoot: '/nonexistent' });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const gridToken = await token(base, 'bench_grid');
const streetToken = await token(base, 'bench_street');
const tasksNow = (await (await fetch(`${base}/api/incidents/tasks`, { headers: { authorization: `Bearer ${gridToken}` } })).json()) as { total: number };

log(`\nthe app (buildApp) on ${base}, same settings; the grid worker has ${tasksNow.total} tasks`);
const create = await load('create incident (POST /api/incidents, grid worker, patrol)', {
  url: base, method: 'POST', path: '/api/incidents', headers: { 'content-type': 'application/json', authorization: `Bearer ${gridToken}` },
  body: { categoryCode: '0106', description: '3 栋 2 单元楼道堆放杂物', sourceChannel: 'patrol' }, uniqueId: true, pick: { field: 'compoundId', values: meta.community.compoundIds },
});
results.push(create);
const tasks = await load('task list (GET /api/incidents/tasks, grid worker)', { url: base, method: 'GET', path: '/api/incidents/tasks', headers: { authorization: `Bearer ${gridToken}` } });
const detail = await load('incident detail (GET /api/incidents/:id, street, random ids)', { url: base, method: 'GET', path: '/api/incidents/', headers: { authorization: `Bearer ${streetToken}` }, pathIds: meta.detailIds });

// The street's KPI table for the year up to the day the city's reports end, by community: sequential, median of 7 after 2.
const toDay = new Date(Date.parse(meta.now) + 8 * 3600_000).toISOString().slice(0, 10);
const fromDay = new Date(Date.parse(meta.now) + 8 * 3600_000 - 364 * 86_400_000).toISOString().slice(0, 10);
const kpiUrl = `${base}/api/incident-kpis?regionId=${meta.street.id}&from=${fromDay}&to=${toDay}&groupBy=region`;
const kpiTimes: number[] = [];
let kpiReported = 0;
for (let i = 0; i < 9; i++) {
  const t = performance.now();
  const r = await fetch(kpiUrl, { headers: { authorization: `Bearer ${streetToken}` } });
  const body = (await r.json()) as { total: { counts: { reported: number } } };
  if (r.status !== 200) throw new Error(`KPI: ${r.status} ${JSON.stringify(body)}`);
  if (i >= 2) kpiTimes.push(performance.now() - t);
  kpiReported = body.total.counts.reported;
}
kpiTimes.sort((a, b) => a - b);
const kpi = percentile(kpiTimes, 50);
log(`  street KPI table (${meta.street.name}, ${fromDay}…${toDay}, by community, ${kpiReported.toLocaleString()} reports): median ${ms(kpi)} ms of ${kpiTimes.length}`);
const made = Number((await db.selectFrom('incident').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) - meta.incidents;
await app.close();
await db.destroy();
if (!process.env.BENCH_KEEP) for (const f of [runFile, `${runFile}-wal`, `${runFile}-shm`, bareFile, `${bareFile}-wal`, `${bareFile}-shm`]) fs.rmSync(f, { force: true });

const ratio = (a: number, b: number) => (a / b).toFixed(2);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
log(`\n| load | req/s | p50 ms | p95 ms | p99 ms | ours / reference req/s |`);
log('|---|---|---|---|---|---|');
for (const r of [bareInsert, bareSelect]) log(`| ${r.name} | ${Math.round(r.rps)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | |`);
log(`| ${create.name} | ${Math.round(create.rps)} | ${ms(create.p50)} | ${ms(create.p95)} | ${ms(create.p99)} | ${ratio(create.rps, bareInsert.rps)} of the bare insert |`);
log(`| ${tasks.name} | ${Math.round(tasks.rps)} | ${ms(tasks.p50)} | ${ms(tasks.p95)} | ${ms(tasks.p99)} | ${ratio(tasks.rps, bareSelect.rps)} of the bare select |`);
log(`| ${detail.name} | ${Math.round(detail.rps)} | ${ms(detail.p50)} | ${ms(detail.p95)} | ${ms(detail.p99)} | ${ratio(detail.rps, bareSelect.rps)} of the bare select |`);
log(`\n${made.toLocaleString()} incidents created through the API (each validated, audited, with its first timeline entries); non-2xx answers: ${[create, tasks, detail].map((r) => r.non2xx).join(' / ')}`);
log('\ntargets:');
log(`  create ≥ 0.5 × bare insert req/s and p99 < 50 ms: ${ratio(create.rps, bareInsert.rps)}×, p99 ${ms(create.p99)} ms → ${verdict(create.rps >= 0.5 * bareInsert.rps && create.p99 < 50)}`);
log(`  task list p95 < 20 ms: ${ms(tasks.p95)} ms → ${verdict(tasks.p95 < 20)}`);
log(`  detail p95 < 20 ms: ${ms(detail.p95)} ms → ${verdict(detail.p95 < 20)}`);
log(`  street KPI table for a year < 500 ms: ${ms(kpi)} ms → ${verdict(kpi < 500)}`);
log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; node ${process.version}, ${(await import('node:os')).cpus().length} CPUs`);
