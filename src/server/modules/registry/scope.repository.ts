import { sql } from 'kysely';
import { isPostgres, scopeCondition, type Db } from '../../db/database.ts';
import { upperBound } from './scope.ts';

let pgCodepoint: Promise<boolean> | null = null;

/** Whether the PostgreSQL database compares text by code point (C, POSIX, C.UTF-8); checked once per process. */
function pgCodepointOrder(db: Db): Promise<boolean> {
  pgCodepoint ??= sql<{ c: string }>`SELECT datcollate AS c FROM pg_database WHERE datname = current_database()`
    .execute(db)
    .then((r) => /^(C|POSIX|C\.utf-?8)$/i.test(r.rows[0]?.c ?? ''));
  return pgCodepoint;
}

/**
 * A data-scope condition that can use the `(scope_path, …)` indexes: an index range `[prefix, upperBound)`, which
 * equals the prefix match whenever text sorts by code point (SQLite always; PostgreSQL under C / C.UTF-8). Neither
 * SQLite's case-insensitive LIKE nor PostgreSQL's LIKE under C.UTF-8 uses a plain btree index. Under any other
 * PostgreSQL collation it falls back to the LIKE of scopeCondition, which is always right but scans.
 */
export async function scopeWhere(db: Db, column: string, prefixes: readonly string[]) {
  if (prefixes.length === 0) return sql<boolean>`1 = 0`;
  if (prefixes.includes('/')) return sql<boolean>`1 = 1`;
  if (isPostgres(db) && !(await pgCodepointOrder(db))) return scopeCondition(column, prefixes);
  const parts = prefixes.map((p) => sql`(${sql.ref(column)} >= ${p} AND ${sql.ref(column)} < ${upperBound(p)})`);
  return sql<boolean>`(${sql.join(parts, sql` OR `)})`;
}

/** Splits rows into chunks that keep a multi-row INSERT under SQLite's 32766 bound parameters. */
export function insertChunks<T>(rows: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(32766 / Math.max(1, columnsPerRow)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Splits a long id list for `IN (…)` lists. */
export function idChunks(ids: readonly string[], size = 5000): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** Whether a database error is a foreign-key violation (SQLite or PostgreSQL). */
export function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string } | null;
  return !!err && (err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || err.code === '23503');
}

/** Whether a database error is a unique violation (SQLite or PostgreSQL). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string } | null;
  return !!err && (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err.code === '23505');
}
