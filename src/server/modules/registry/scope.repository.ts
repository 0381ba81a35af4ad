
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
