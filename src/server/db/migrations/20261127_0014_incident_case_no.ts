import { sql, type Kysely } from 'kysely';
import { pgOf } from '../migration-helpers.ts';

/**
 * Case numbers people can say on the phone and write on a form: the China-time day of the report and its place in that
 * day's reports, e.g. 2026112700012. One counter row per day hands them out; incidents already stored are numbered in
 * the order they were reported, and each day's counter starts where they end.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('incident_counter')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('incident').addColumn('case_no', 'text').execute();
  const day = pgOf(db)
    ? sql`to_char((reported_at::timestamptz AT TIME ZONE 'Asia/Shanghai'), 'YYYYMMDD')`
    : sql`strftime('%Y%m%d', reported_at, '+8 hours')`;
  const padded = pgOf(db) ? sql`lpad(seq::text, 5, '0')` : sql`printf('%05d', seq)`;
  await sql`UPDATE incident SET case_no = numbered.no FROM (
      SELECT id, day || ${padded} AS no FROM (
        SELECT id, ${day} AS day, row_number() OVER (PARTITION BY ${day} ORDER BY reported_at, id) AS seq FROM incident
      ) d
    ) numbered WHERE numbered.id = incident.id`.execute(db);
  await sql`INSERT INTO incident_counter (day, n) SELECT ${day}, count(*) FROM incident GROUP BY ${day}`.execute(db);
  await db.schema.createIndex('incident_case_no_uq').on('incident').column('case_no').unique().execute();
}

/** Drops them. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('incident_case_no_uq').ifExists().execute();
  await db.schema.alterTable('incident').dropColumn('case_no').execute();
  await db.schema.dropTable('incident_counter').ifExists().execute();
}
