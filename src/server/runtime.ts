import path from 'node:path';
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from './config.ts';
import { openDb } from './db/database.ts';
import { migrateToLatest } from './db/migrations/index.ts';
import type { Database } from './db/schema.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { loadMasterKey, makeKeyring, type Keyring } from './lib/crypto.ts';
import type { AppDeps } from './lib/deps.ts';

/** Opens the configured database, applies migrations and loads the keys: what serve and every CLI command need. */
export async function openRuntime(env: NodeJS.ProcessEnv = process.env, opts: { migrate?: boolean; log?: (m: string) => void } = {}): Promise<AppDeps & { close(): Promise<void> }> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const config: Config = loadConfig(env);
  const db: Kysely<Database> = openDb({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'gongzhi.db'),
    sqliteCacheMb: config.sqliteCacheMb,
    ...(config.slowQueryMs > 0 ? { slowQueryMs: config.slowQueryMs, onSlowQuery: (q: string, ms: number) => log(`slow query ${ms.toFixed(1)} ms: ${q.slice(0, 500)}`) } : {}),
  });
  if (opts.migrate !== false) {
    const applied = await migrateToLatest(db);
    if (applied.length) log(`migrations applied / 已执行迁移: ${applied.join(', ')}`);
  }
  const keys: Keyring = makeKeyring(loadMasterKey(config.piiKey, config.dataDir, log));
  const clock: Clock = systemClock;
  return { db, config, clock, keys, close: () => db.destroy() };
}

/** Where the SQLite file lives for a configuration. */
export function sqliteFileOf(config: Config): string {
  return path.join(config.dataDir, 'gongzhi.db');
}
