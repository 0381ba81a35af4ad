import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDb } from '../db/database.ts';
import { migrateToLatest } from '../db/migrations/index.ts';
import type { Database } from '../db/schema.ts';
import { FakeClock } from '../lib/clock.ts';
import { makeKeyring, type Keyring } from '../lib/crypto.ts';
import type { Ctx } from '../lib/context.ts';
import type { AppDeps } from '../lib/deps.ts';
import { createUserWithGrants, ensureBuiltinRoles } from '../modules/accounts/index.ts';
import { SYSTEM_ACTOR, type Actor } from '../modules/accounts/actor.ts';
import { ensurePresets } from '../modules/methods/index.ts';

/** A password every test user gets; meets the policy. */
export const TEST_PASSWORD = 'Test-pass-2026';

/** A signed-in HTTP client over app.inject that carries the session cookie and CSRF token. */
export interface Client {
  userId: string;
  username: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  /** Sends raw bytes (file uploads). */
  upload(url: string, data: Buffer, contentType: string): Promise<LightMyRequestResponse>;
}

/** A fresh database (SQLite in memory, or a new PostgreSQL schema when TEST_DATABASE_URL is set) with the app built on it. */
export interface TestEnv {
  db: Kysely<Database>;
  app: FastifyInstance;
  clock: FakeClock;
  keys: Keyring;
  deps: AppDeps;
  dialect: 'sqlite' | 'postgres';
  /** A use-case context for the system actor or the given one. */
  ctx(actor?: Actor): Ctx;
  /** Creates a user with the grants and signs them in. */
  user(grants: { roleKey: string; scopePath: string }[], username?: string): Promise<Client>;
  /** Signs in an existing user. */
  signIn(username: string, password?: string): Promise<Client>;
  /** An anonymous client. */
  anon(): Client;
  close(): Promise<void>;
}

function client(app: FastifyInstance, cookie: string | null, csrf: string | null, userId: string, username: string): Client {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(cookie ? { cookie } : {}),
    ...(csrf ? { 'x-csrf-token': csrf } : {}),
    ...extra,
  });
  return {
    userId,
    username,
    get: (url, h) => app.inject({ method: 'GET', url, headers: headers(h) }),
    post: (url, body, h) => app.inject({ method: 'POST', url, headers: headers(h), ...(body !== undefined ? { payload: body as object } : {}) }),
    put: (url, body) => app.inject({ method: 'PUT', url, headers: headers(), payload: body as object }),
    patch: (url, body) => app.inject({ method: 'PATCH', url, headers: headers(), payload: body as object }),
    delete: (url) => app.inject({ method: 'DELETE', url, headers: headers() }),
    upload: (url, data, contentType) => app.inject({ method: 'POST', url, headers: headers({ 'content-type': contentType }), payload: data }),
  };
}

/** Builds a fresh, migrated test environment. */
export async function makeTestEnv(): Promise<TestEnv> {
  const pgUrl = process.env.TEST_DATABASE_URL || null;
  const schema = pgUrl ? 't_' + crypto.randomBytes(6).toString('hex') : undefined;
  if (pgUrl) {
    const admin = openDb({ databaseUrl: pgUrl, poolSize: 1 });
    await sql`CREATE SCHEMA ${sql.id(schema!)}`.execute(admin);
    await admin.destroy();
  }
  const db = openDb({ databaseUrl: pgUrl, pgSchema: schema, poolSize: 4 });
  await migrateToLatest(db, schema);
  const clock = new FakeClock();
  const keys = makeKeyring(crypto.createHash('sha256').update('gongzhi-test-key').digest());
  const config = { ...loadConfig({}), dataDir: '/tmp/gongzhi-test' };
  const deps: AppDeps = { db, config, clock, keys };
  await ensureBuiltinRoles(db, clock);
  await ensurePresets(db, clock);
  const app = await buildApp(deps, { webRoot: '/nonexistent' });
  await app.ready();

  const signIn = async (username: string, password = TEST_PASSWORD): Promise<Client> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.headers['set-cookie'];
    const raw = Array.isArray(setCookie) ? setCookie[0] : String(setCookie);
    const body = res.json() as { userId: string; csrfToken: string };
    return client(app, raw.split(';')[0], body.csrfToken, body.userId, username);
  };
  let n = 0;
  return {
    db, app, clock, keys, deps,
    dialect: pgUrl ? 'postgres' : 'sqlite',
    ctx: (actor = SYSTEM_ACTOR) => ({ actor, keys, clock }),
    async user(grants, username) {
      const name = username ?? `u${++n}_${crypto.randomBytes(3).toString('hex')}`;
      await createUserWithGrants(db, { keys, clock }, { username: name, displayName: name, password: TEST_PASSWORD, grants });
      return signIn(name);
    },
    signIn,
    anon: () => client(app, null, null, '', ''),
    async close() {
      await app.close();
      await db.destroy();
      if (pgUrl) {
        const admin = openDb({ databaseUrl: pgUrl, poolSize: 1 });
        await sql`DROP SCHEMA ${sql.id(schema!)} CASCADE`.execute(admin);
        await admin.destroy();
      }
    },
  };
}
