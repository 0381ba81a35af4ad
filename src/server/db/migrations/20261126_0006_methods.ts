import { sql, type Kysely } from 'kysely';
import { pgOf } from '../migration-helpers.ts';

/**
 * Method templates (versioned JSON), running instances pinned to a template version, their append-only timeline,
 * attachments, and the working-day calendar. scope_path sorts by code point on PostgreSQL too (see migration 0005).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const scopeType = pgOf(db) ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('method_template')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addUniqueConstraint('method_template_key_version_uq', ['key', 'version'])
    .execute();
  await db.schema.createIndex('method_template_scope_idx').on('method_template').columns(['scope_path', 'key']).execute();

  await db.schema
    .createTable('method_instance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull().references('method_template.id'))
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_entered_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('terminal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closed_at', 'text')
    .addColumn('relations', 'text', (c) => c.notNull())
    .addColumn('counters', 'text', (c) => c.notNull())
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('method_instance_due_idx').on('method_instance').columns(['terminal', 'due_at']).execute();
  await db.schema.createIndex('method_instance_scope_idx').on('method_instance').columns(['scope_path', 'template_key']).execute();
  await db.schema.createIndex('method_instance_subject_idx').on('method_instance').columns(['subject_type', 'subject_id']).execute();
  await db.schema.createIndex('method_instance_template_idx').on('method_instance').column('template_id').execute();

  await db.schema
    .createTable('method_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('method_instance.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('old_due_at', 'text')
    .addColumn('new_due_at', 'text')
    .addUniqueConstraint('method_event_seq_uq', ['instance_id', 'seq'])
    .execute();
  if (pgOf(db)) {
    await sql`CREATE FUNCTION method_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'method_event is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER method_event_no_change BEFORE UPDATE OR DELETE ON method_event
      FOR EACH ROW EXECUTE FUNCTION method_event_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER method_event_no_update BEFORE UPDATE ON method_event BEGIN SELECT RAISE(ABORT, 'method_event is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER method_event_no_delete BEFORE DELETE ON method_event BEGIN SELECT RAISE(ABORT, 'method_event is append-only'); END`.execute(db);
  }

  await db.schema
    .createTable('attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.references('method_instance.id'))
    .addColumn('event_id', 'text', (c) => c.references('method_event.id'))
    .addColumn('scope_path', scopeType)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachment_instance_idx').on('attachment').column('instance_id').execute();

  await db.schema
    .createTable('calendar_day')
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('calendar_day_pk', ['scope_path', 'date'])
    .execute();
  await db.schema.createIndex('calendar_day_date_idx').on('calendar_day').column('date').execute();
}

/** Drops the methods tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['calendar_day', 'attachment', 'method_event', 'method_instance', 'method_template']) await db.schema.dropTable(t).ifExists().execute();
  if (pgOf(db)) await sql`DROP FUNCTION IF EXISTS method_event_append_only()`.execute(db);
}
