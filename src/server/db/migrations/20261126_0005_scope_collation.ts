import { sql, type Kysely } from 'kysely';
import { pgOf } from '../migration-helpers.ts';

/** Tables whose rows carry a materialised scope path. */
const SCOPED = ['region', 'grid', 'grid_worker', 'compound', 'building', 'household', 'resident', 'compound_document', 'org', 'person', 'position', 'pairing', 'term_rule', 'role_grant', 'audit_log'];

/**
 * Data-scope filters are prefix matches on scope_path, run as an index range [prefix, prefix+1). That equals the prefix
 * match only when the column sorts by code point, which SQLite's BINARY collation does and PostgreSQL does under "C":
 * so on PostgreSQL the column gets the "C" collation whatever the database's default (its indexes are rebuilt with it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!pgOf(db)) return;
  for (const t of SCOPED) await sql`ALTER TABLE ${sql.table(t)} ALTER COLUMN scope_path TYPE text COLLATE "C"`.execute(db);
}

/** Restores the database's default collation. */
export async function down(db: Kysely<any>): Promise<void> {
  if (!pgOf(db)) return;
  for (const t of SCOPED) await sql`ALTER TABLE ${sql.table(t)} ALTER COLUMN scope_path TYPE text COLLATE "default"`.execute(db);
}
