import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresAdapter, SqliteDialect, PostgresDialect, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** The application's database handle; a transaction satisfies the same type. */
export type Db = Kysely<Database> | Transaction<Database>;

/** Options for opening the database chosen by configuration. */
export interface OpenDbOptions {
  /** postgres://… or null for SQLite. */
  databaseUrl: string | null;
  /** SQLite file path, or ':memory:'. */
  sqliteFile?: string;
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

/** Opens SQLite (WAL, foreign keys on) or PostgreSQL behind one Kysely type. */
export function openDb(opts: OpenDbOptions): Kysely<Database> {
  if (!opts.databaseUrl) {
    const file = opts.sqliteFile ?? ':memory:';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -65536');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log: slowLog(opts) });
  }
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolSize ?? 10,
    ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: slowLog(opts) });
}

/**
 * Kysely prepares every query anew; preparing is about half of a small query's cost on SQLite, so reuse prepared
 * statements by SQL text (the connection is used by one query at a time, which makes reuse safe).
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
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
