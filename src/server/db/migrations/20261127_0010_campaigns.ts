import { sql, type Kysely } from 'kysely';
import { pgOf, withStamps } from '../migration-helpers.ts';

/**
 * Rectification campaigns (专项整治): a campaign over a region and a period naming incident categories; one inspection task
 * per compound (the snapshot taken at start, plus compounds added explicitly later); findings, each linked to the incident
 * it became.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const scopeType = pgOf(db) ? sql`text collate "C"` : sql`text`;
  await withStamps(db.schema
    .createTable('campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('region_id', 'text', (c) => c.notNull().references('region.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('problem_types', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('started_by', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('finished_by', 'text'))
    .execute();
  await db.schema.createIndex('campaign_scope_idx').on('campaign').columns(['scope_path', 'starts_on']).execute();

  await withStamps(db.schema
    .createTable('campaign_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compound.id'))
    .addColumn('community_id', 'text', (c) => c.notNull().references('region.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('inspection_id', 'text')
    .addColumn('inspected_at', 'text')
    .addColumn('inspected_by', 'text')
    .addColumn('inspected_by_name', 'text')
    .addColumn('result', 'text')
    .addColumn('note', 'text')
    .addColumn('waived_at', 'text')
    .addColumn('waived_by_name', 'text')
    .addColumn('waive_reason', 'text')
    .addUniqueConstraint('campaign_task_compound_uq', ['campaign_id', 'compound_id']))
    .execute();
  await db.schema.createIndex('campaign_task_status_idx').on('campaign_task').columns(['campaign_id', 'status', 'scope_path']).execute();
  await db.schema.createIndex('campaign_task_scope_idx').on('campaign_task').columns(['scope_path', 'status']).execute();

  await db.schema
    .createTable('campaign_finding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('campaign_task.id'))
    .addColumn('incident_id', 'text', (c) => c.notNull().unique().references('incident.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_finding_campaign_idx').on('campaign_finding').columns(['campaign_id', 'category_code']).execute();
  await db.schema.createIndex('campaign_finding_task_idx').on('campaign_finding').column('task_id').execute();
}

/** Drops the campaigns tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['campaign_finding', 'campaign_task', 'campaign']) await db.schema.dropTable(t).ifExists().execute();
}
