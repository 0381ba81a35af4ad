import { scopeCondition, type Db } from '../../db/database.ts';

/** The data-scope condition (kept async for its callers); see scopeCondition in db/database.ts. */
export async function scopeWhere(_db: Db, column: string, prefixes: readonly string[]) {
  return scopeCondition(column, prefixes);
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
