import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, type Compilable, PostgresAdapter, SqliteDialect, PostgresDialect, sql, type DatabaseConnection, type Driver, type Insertable, type SqliteDialectConfig, type Transaction } from 'kysely';
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
  // Statement journals (each grouped transaction's savepoint, below) and temporary sorts stay in memory: spilled to a
  // temporary file past 64 KB, they made every report of a group write its changed pages twice.
  sqlite.pragma('temp_store = MEMORY');
}

/** Opens SQLite (WAL, foreign keys on) or PostgreSQL behind one Kysely type. */
export function openDb(opts: OpenDbOptions): Kysely<Database> {
  if (!opts.databaseUrl) {
    const file = opts.sqliteFile ?? ':memory:';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    applySqlitePragmas(sqlite, opts.sqliteCacheMb ?? 64);
    const checkpointer = file === ':memory:' ? null : startCheckpointer(sqlite, file);
    return new Kysely<Database>({ dialect: new GroupCommitSqliteDialect({ database: withStatementCache(sqlite, checkpointer) }, sqlite), log: slowLog(opts) });
  }
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolSize ?? 10,
    ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: slowLog(opts) });
}

/** How many transactions one SQLite commit may carry, and how long the first of them may wait for it. */
const GROUP_MAX = 256;
const GROUP_MAX_MS = 50;
const GROUP_LOST = 'SQLITE_GROUP_LOST: SQLite rolled the open transaction back';

interface Lease extends DatabaseConnection {
  /** Began inside an open group: runs in a savepoint, so a rollback undoes this transaction only. */
  nested?: boolean;
  /** Ended into the open group and handed the connection on: Kysely's release afterwards is a no-op. */
  detached?: boolean;
}

/**
 * The one SQLite connection, driven for many concurrent requests:
 * - Transactions take the write lock when they begin. A deferred transaction that reads first and writes later cannot
 *   wait for the lock once another connection (the checkpointer, another process) holds it: SQLite refuses it at once
 *   with SQLITE_BUSY. BEGIN IMMEDIATE makes it wait in the busy handler instead, like any other writer.
 * - The connection goes to waiting queries in the order they asked. Kysely's own lock wakes every waiter each time it is
 *   released, and all but one go back to sleep: under a few dozen concurrent requests that was most of the work.
 * - Group commit. A commit writes every page the transaction changed to the log, and concurrent reports change the same
 *   index pages, so one commit for the transactions of one event-loop turn costs little more than one for each. A
 *   transaction that ends leaves SQLite's transaction open and hands the connection on; its commit resolves when the
 *   group is committed, after the requests already read from the network have had their turn (or sooner, when the
 *   group is full or old). Later transactions of the group run in a savepoint, so each still rolls back alone. No
 *   caller hears of success before its rows are committed, and a failed group commit fails every transaction in it.
 *   Queries outside transactions may meanwhile read rows of the open group. A transaction must not wait, inside its
 *   body, for another that has already ended: that one's commit waits for the connection the waiting one holds.
 */
class GroupCommitSqliteDialect extends SqliteDialect {
  readonly #sqlite: SQLite.Database;

  constructor(config: SqliteDialectConfig, sqlite: SQLite.Database) {
    super(config);
    this.#sqlite = sqlite;
  }

  override createDriver(): Driver {
    const sqlite = this.#sqlite;
    const driver: Driver = super.createDriver();
    const own = driver.acquireConnection.bind(driver);
    let connection: Promise<DatabaseConnection> | null = null;
    let held = false;
    const waiting: (() => void)[] = [];
    type Pending = { resolve: () => void; reject: (e: unknown) => void };
    let group: { pending: Pending[]; startedAt: number; due: boolean } | null = null;

    const settle = (pending: Pending[], error: unknown) => {
      for (const p of pending) if (error) p.reject(error); else p.resolve();
    };
    const commitGroup = () => {
      const g = group!;
      group = null;
      try {
        sqlite.exec('commit');
      } catch (e) {
        if (sqlite.inTransaction) sqlite.exec('rollback');
        settle(g.pending, e);
        throw e;
      }
      settle(g.pending, null);
    };
    const commitQuietly = () => {
      try {
        commitGroup();
      } catch {
        // Each transaction of the group has been told.
      }
    };
    // SQLite rolls the whole transaction back by itself on some errors (disk full, I/O): the group's work is gone.
    const lostGroup = () => {
      const e = new Error(GROUP_LOST);
      settle(group!.pending, e);
      group = null;
      return e;
    };
    const handOn = () => {
      const next = waiting.shift();
      if (next) return next();
      held = false;
      if (group?.due) commitQuietly();
    };

    driver.acquireConnection = async () => {
      connection ??= own();
      const c = await connection;
      if (held) await new Promise<void>((resolve) => waiting.push(resolve));
      held = true;
      const lease: Lease = { executeQuery: (q) => c.executeQuery(q), streamQuery: (q, n) => c.streamQuery(q, n) };
      return lease;
    };
    driver.releaseConnection = async (lease: Lease) => {
      if (!lease.detached) handOn();
    };
    driver.beginTransaction = async (lease: Lease) => {
      if (group && !sqlite.inTransaction) lostGroup();
      if (group) {
        sqlite.exec('savepoint gz_tx');
        lease.nested = true;
      } else {
        sqlite.exec('begin immediate');
        group = { pending: [], startedAt: performance.now(), due: false };
      }
    };
    driver.commitTransaction = async (lease: Lease) => {
      if (!sqlite.inTransaction) throw lostGroup();
      if (lease.nested) sqlite.exec('release gz_tx');
      const g = group!;
      if (g.pending.length + 1 >= GROUP_MAX || performance.now() - g.startedAt >= GROUP_MAX_MS) return commitGroup();
      const committed = new Promise<void>((resolve, reject) => g.pending.push({ resolve, reject }));
      if (g.pending.length === 1) {
        setImmediate(() => {
          if (group !== g) return;
          g.due = true;
          if (!held) commitQuietly();
        });
      }
      lease.detached = true;
      handOn();
      return committed;
    };
    driver.rollbackTransaction = async (lease: Lease) => {
      // A detached transaction's group has been committed or rolled back already; the open group, if any, is another.
      if (lease.detached || !group) return;
      if (!sqlite.inTransaction) return void lostGroup();
      if (lease.nested) {
        sqlite.exec('rollback to gz_tx');
        sqlite.exec('release gz_tx');
      } else {
        // The first transaction of a group: nothing has joined it yet.
        sqlite.exec('rollback');
        group = null;
      }
    };
    const destroy = driver.destroy.bind(driver);
    driver.destroy = async () => {
      if (group) commitQuietly();
      await destroy();
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
 * passively twenty times a second instead (readers and writers go on meanwhile). Under steady writes the log is never
 * found fully copied when a write begins, so it would only grow: the connection's own automatic checkpoint, at 100,000
 * pages, copies the few pages the worker has not yet and lets the next write start the log over. That pause (about
 * 10 ms under a full load of reports, every few seconds) is what the interval and the threshold trade: at 10,000 pages
 * it came every half second. The log file is trimmed back to 512 MB when it restarts; trimming more is a pause of its own.
 */
function startCheckpointer(sqlite: SQLite.Database, file: string): Worker | null {
  try {
    const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs: 50 } });
    worker.unref();
    // Without the worker, SQLite's own checkpoints in the committing request come back.
    worker.on('error', () => {
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    });
    sqlite.pragma('wal_autocheckpoint = 100000');
    sqlite.pragma('journal_size_limit = 536870912');
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
 * Inserts rows of one table in multi-row statements, compiled by hand: building a Kysely insert costs more than running
 * it, for thousands of rows and, on the hot paths (a report's incident, instance, timeline and audit rows), for one.
 * Rows are objects keyed by column; every row must have the same keys, and a key left undefined is stored as NULL (no
 * column default). Chunks keep under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
 */
export async function insertMany<T extends keyof Database & string>(db: Db, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const pg = isPostgres(db);
  const perChunk = Math.max(1, Math.floor(32_000 / cols.length));
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk) as readonly Record<string, unknown>[];
    const params: unknown[] = [];
    for (const r of chunk) {
      for (const c of cols) {
        const v = r[c];
        params.push(typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v);
      }
    }
    await db.executeQuery(CompiledQuery.raw(insertText(table, cols, chunk.length, pg), params));
  }
}

// Texts of small inserts (the hot paths' one to a few rows) are kept, with their columns to check against: the same text
// object each time also spares the statement cache hashing a long string anew. Bulk chunks are built each time.
const insertTexts = new Map<string, { cols: readonly string[]; text: string }>();

function insertText(table: string, cols: readonly string[], rowCount: number, pg: boolean): string {
  const key = rowCount <= 8 ? `${pg ? 'pg' : 'sqlite'}|${table}|${rowCount}|${cols.length}` : null;
  const kept = key === null ? undefined : insertTexts.get(key);
  if (kept && kept.cols.every((c, i) => c === cols[i])) return kept.text;
  let n = 0;
  const tuple = () => `(${cols.map(() => (pg ? `$${++n}` : '?')).join(', ')})`;
  const text = `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from({ length: rowCount }, tuple).join(', ')}`;
  if (key !== null) {
    if (insertTexts.size >= 1000) insertTexts.delete(insertTexts.keys().next().value!);
    insertTexts.set(key, { cols: [...cols], text });
  }
  return text;
}

const ARG = Symbol('argument');

/**
 * A query that Kysely builds and compiles once per kind of database, then runs with each call's arguments: on the hot
 * paths, building and compiling a small query cost more than SQLite's running it. `build` is called once, with stand-ins
 * for the arguments, so it must put each argument into the query as a value and give the same SQL whatever they are (no
 * branches on them, no lists of varying length); values it writes itself (limits, fixed lists) are kept.
 */
export function prepared<A extends unknown[], O>(build: (db: Db, ...args: A) => Compilable<O>): (db: Db, ...args: A) => Promise<O[]> {
  const plans = new Map<boolean, { sql: string; slots: ({ arg: number } | { value: unknown })[] }>();
  return async (db, ...args) => {
    const pg = isPostgres(db);
    let plan = plans.get(pg);
    if (!plan) {
      const standIns = args.map((_, i) => ({ [ARG]: i }));
      const compiled = build(db, ...(standIns as A)).compile();
      const slots = compiled.parameters.map((p) => (p !== null && typeof p === 'object' && ARG in p ? { arg: (p as { [ARG]: number })[ARG] } : { value: p }));
      if (new Set(slots.flatMap((s) => ('arg' in s ? [s.arg] : []))).size !== args.length) throw new Error(`prepared query: not every argument became a value in ${compiled.sql}`);
      plan = { sql: compiled.sql, slots };
      plans.set(pg, plan);
    }
    const params = plan.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    return (await db.executeQuery<O>(CompiledQuery.raw(plan.sql, params))).rows;
  };
}

/** Runs fn in a transaction unless db already is one. */
export async function inTx<T>(db: Db, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return (db as Kysely<Database>).transaction().execute(fn);
}
