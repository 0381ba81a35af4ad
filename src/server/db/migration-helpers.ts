import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

/** True when migrating PostgreSQL. */
export function pgOf(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds the columns every mutable record carries: version and timestamps. */
export function withStamps<T extends string>(t: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return t
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text');
}

/** An auto-increment integer primary key on both dialects. */
export function serialPk<T extends string>(db: Kysely<any>, t: CreateTableBuilder<T, any>, name: string): CreateTableBuilder<T, any> {
  return pgOf(db)
    ? t.addColumn(name, 'bigserial', (c) => c.primaryKey())
    : t.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
}

/** A real (double precision) column type for both dialects. */
export const REAL = sql`double precision`;
