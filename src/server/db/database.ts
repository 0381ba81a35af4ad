import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresAdapter, SqliteDialect, SqliteDriver, PostgresDialect, sql, type DatabaseConnection, type Driver, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** The application's database handle; a transaction satisfies the same type. */
export type Db = Kysely<Database> | Transaction<Database>;

/** Options for opening the database chosen by configuration. */
export interface OpenDbOptions {
  /** postgres://… or null for SQLite. */
  databaseUrl: string | null;
  /** SQLite file path, or ':memory:'. */
  sqliteFile?: string;
  /** SQLite's page cache in MB (default 64). */
  sqliteCacheMb?: number;
  /** PostgreSQL schema to use (tests isolate themselves in one). */
  pgSchema?: string;
  poolSize?: number;
  /** Called with every query slower than slowQueryMs (diagnostics: GONGZHI_SLOW_QUERY_MS). */
  onSlowQuery?: (sqlText: string, ms: number) => void;
  slowQueryMs?: number;
}

function slowLog(opts: OpenDbOptions) {
  const on = opts.onSlowQuery;
  if (!on) return undefined;
  const limit = opts.slowQueryMs ?? 0;
  return (e: { level: string; query: { sql: string }; queryDurationMillis: number }) => {
    if (e.queryDurationMillis >= limit) on(e.query.sql, e.queryDurationMillis);
  };
}

pg.types.setTypeParser(20, (v) => Number(v)); // int8 and count(*) as numbers
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric as numbers

/** The settings every SQLite connection of the app gets (the benchmark's bare reference uses them too). */
export function applySqlitePragmas(sqlite: SQLite.Database, cacheMb: number): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${cacheMb * 1024}`);
}

/** Opens SQLite (WAL, foreign keys on) or PostgreSQL behind one Kysely type. */
export function openDb(opts: OpenDbOptions): Kysely<Database> {
  if (!opts.databaseUrl) {
    const file = opts.sqliteFile ?? ':memory:';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    applySqlitePragmas(sqlite, opts.sqliteCacheMb ?? 64);
    const checkpointer = file === ':memory:' ? null : startCheckpointer(sqlite, file);
    return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite, checkpointer) }), log: slowLog(opts) });
  }
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolSize ?? 10,
    ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: slowLog(opts) });
}

/**
 * Transactions that take the write lock when they begin. A deferred transaction that reads first and writes later cannot
 * wait for the lock once another connection (the checkpointer, another process) holds it: SQLite refuses it at once
 * with SQLITE_BUSY. Taking the lock up front makes it wait in the busy handler instead, like any other writer.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver() as SqliteDriver;
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    // The one connection goes to waiting queries in the order they asked. Kysely's own lock wakes every waiter each time
    // it is released, and all but one go back to sleep: under a few dozen concurrent requests that is most of the work.
    const own = driver.acquireConnection.bind(driver);
    let connection: Promise<DatabaseConnection> | null = null;
    let held = false;
    const waiting: (() => void)[] = [];
    driver.acquireConnection = async () => {
      connection ??= own();
      const c = await connection;
      if (held) await new Promise<void>((resolve) => waiting.push(resolve));
      held = true;
      return c;
    };
    driver.releaseConnection = async () => {
      const next = waiting.shift();
      if (next) next();
      else held = false;
    };
    return driver;
  }
}

/**
 * Kysely prepares every query anew; preparing is about half of a small query's cost on SQLite, so reuse prepared
 * statements by SQL text (the connection is used by one query at a time, which makes reuse safe).
 */
function withStatementCache(sqlite: SQLite.Database, checkpointer: Worker | null, max = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      void checkpointer?.terminate();
      // The worker's connection may outlive this one, and SQLite folds the WAL into the file only when the last connection
      // closes: fold it in now, so the file alone is the whole database once the app has stopped (copies, backups).
      if (checkpointer) {
        try {
          sqlite.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          // Busy past the timeout: the WAL stays beside the file and is replayed on the next open.
        }
      }
      sqlite.close();
    },
    prepare(text: string) {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = sqlite.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

// Runs in a worker thread on its own connection: copies committed WAL frames into the database file and syncs it.
const CHECKPOINTER = `
const { workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* closing, or another checkpoint is running: the next turn tries again */ }
}, workerData.everyMs);
`;

/**
 * Moves most checkpoint work off the request path. SQLite checkpoints when a commit pushes the WAL past 1,000 pages, in
 * that commit, and a checkpoint writes back and fsyncs every page changed since: a write touching many index pages of a
 * big table would pay tens of milliseconds every few commits. A worker thread on its own connection checkpoints
 * passively five times a second instead (readers and writers go on meanwhile). Under steady writes the log is never
 * found fully copied when a write begins, so it would only grow: the connection's own automatic checkpoint, at a larger
 * log, copies the few pages the worker has not and lets the next write start the log over, trimmed back to 64 MB.
 */
function startCheckpointer(sqlite: SQLite.Database, file: string): Worker | null {
  try {
    const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs: 200 } });
    worker.unref();
    // Without the worker, SQLite's own checkpoints in the committing request come back.
    worker.on('error', () => {
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    });
    sqlite.pragma('wal_autocheckpoint = 10000');
    sqlite.pragma('journal_size_limit = 67108864');
    return worker;
  } catch {
    return null;
  }
}

/** True when the handle talks to PostgreSQL. */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\\'). */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** The smallest string greater than every string that starts with prefix (its last character plus one). */
export function prefixUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * The data-scope condition: the column starts with one of the prefixes (本级及下级). Written as an index range
 * [prefix, upper bound), which both databases answer from the scope_path indexes (scope_path sorts by code point:
 * SQLite's BINARY collation, and "C" on PostgreSQL by migration 0005); an empty list matches nothing.
 */
export function scopeCondition(column: string, prefixes: readonly string[]) {
  if (prefixes.length === 0) return sql<boolean>`1 = 0`;
  if (prefixes.includes('/')) return sql<boolean>`1 = 1`;
  const parts = prefixes.map((p) => sql`(${sql.ref(column)} >= ${p} AND ${sql.ref(column)} < ${prefixUpperBound(p)})`);
  return sql<boolean>`(${sql.join(parts, sql` OR `)})`;
}

/** `column LIKE '%text%'` with the user's text matched literally (wildcards escaped). */
export function containsText(column: string, text: string) {
  return sql<boolean>`${sql.ref(column)} LIKE ${'%' + likeEscape(text) + '%'} ESCAPE '\\'`;
}

/** Whether a path lies under one of the prefixes (本级及下级). */
export function inScope(scopePath: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => scopePath.startsWith(p));
}

/**
 * Inserts many rows of one table in multi-row statements, compiled by hand: building a Kysely insert of thousands of
 * rows costs more than running it. Rows are objects keyed by column; every row must have the same keys. Chunks keep
 * under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. Only for trusted table and column names.
 */
export async function insertMany(db: Db, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const pg = isPostgres(db);
  const perChunk = Math.max(1, Math.floor(32_000 / cols.length));
  const head = `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES `;
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const r of chunk) {
      const marks: string[] = [];
      for (const c of cols) {
        const v = r[c];
        params.push(typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v);
        marks.push(pg ? `$${params.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    await db.executeQuery(CompiledQuery.raw(head + tuples.join(', '), params));
  }
}

/** Runs fn in a transaction unless db already is one. */
export async function inTx<T>(db: Db, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return (db as Kysely<Database>).transaction().execute(fn);
}
