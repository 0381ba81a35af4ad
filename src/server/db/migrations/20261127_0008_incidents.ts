import { sql, type Kysely } from 'kysely';
import { pgOf, REAL } from '../migration-helpers.ts';
import { CATEGORIES_V1 } from '../../modules/incidents/presets/categories-v1.ts';

/**
 * Grid incidents: versioned event categories with their time limits and routing rules, the people who act for a handling
 * organisation, incidents (one method instance each, with the raw timestamps the KPIs are computed from), and the parties
 * of each incident (reporter, assignee, verifier) indexed for task lists. Category version 1 is loaded here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const scopeType = pgOf(db) ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('incident_category_set')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('incident_category')
    .addColumn('set_id', 'text', (c) => c.notNull().references('incident_category_set.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('deadline_amount', 'integer')
    .addColumn('deadline_unit', 'text')
    .addColumn('urgency', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_category_pk', ['set_id', 'code'])
    .execute();

  await db.schema
    .createTable('incident_route_rule')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('set_id', 'text', (c) => c.notNull().references('incident_category_set.id'))
    .addColumn('category_code', 'text')
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('note', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_route_rule_set_idx').on('incident_route_rule').column('set_id').execute();

  await db.schema
    .createTable('incident_handler')
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('incident_handler_pk', ['org_id', 'user_id'])
    .execute();
  await db.schema.createIndex('incident_handler_user_idx').on('incident_handler').column('user_id').execute();

  await db.schema
    .createTable('incident')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category_set_id', 'text', (c) => c.notNull().references('incident_category_set.id'))
    .addColumn('category_version', 'integer', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('major_code', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('lat', REAL)
    .addColumn('lng', REAL)
    .addColumn('community_id', 'text', (c) => c.notNull().references('region.id'))
    .addColumn('compound_id', 'text', (c) => c.references('compound.id'))
    .addColumn('grid_id', 'text', (c) => c.references('grid.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('source_channel', 'text', (c) => c.notNull())
    .addColumn('external_order_no', 'text')
    .addColumn('reporter_kind', 'text', (c) => c.notNull())
    .addColumn('reporter_user_id', 'text')
    .addColumn('reporter_display', 'text')
    .addColumn('reporter_name_enc', 'text')
    .addColumn('reporter_name_mask', 'text')
    .addColumn('reporter_phone_enc', 'text')
    .addColumn('reporter_phone_mask', 'text')
    .addColumn('reporter_token_hash', 'text')
    .addColumn('needs_confirmation', 'integer', (c) => c.notNull())
    // Null only for cases imported without a timeline.
    .addColumn('instance_id', 'text', (c) => c.unique().references('method_instance.id'))
    .addColumn('template_id', 'text')
    .addColumn('instance_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_due_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('handler_kind', 'text')
    .addColumn('handler_id', 'text')
    .addColumn('handler_name', 'text')
    .addColumn('possible_duplicate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicate_candidates', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'text')
    .addColumn('deadline_at', 'text')
    .addColumn('original_deadline_at', 'text')
    .addColumn('pending_until', 'text')
    .addColumn('rework_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('feedback_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suspended_at', 'text')
    .addColumn('satisfaction', 'integer')
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('registered_at', 'text')
    .addColumn('first_dispatched_at', 'text')
    .addColumn('dispatched_at', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('feedback_at', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  const idx = async (name: string, cols: string[]) => db.schema.createIndex(name).on('incident').columns(cols).execute();
  await idx('incident_scope_reported_idx', ['scope_path', 'reported_at']);
  await idx('incident_scope_deadline_idx', ['scope_path', 'deadline_at']);
  await idx('incident_stage_idx', ['stage', 'scope_path']);
  await idx('incident_duplicate_idx', ['category_code', 'reported_at']);
  await idx('incident_compound_idx', ['compound_id', 'reported_at']);
  await idx('incident_external_idx', ['external_order_no']);
  await idx('incident_handler_idx', ['handler_id', 'deadline_at']);
  await idx('incident_grid_idx', ['grid_id', 'deadline_at']);
  await idx('incident_reporter_idx', ['reporter_user_id', 'reported_at']);

  await db.schema
    .createTable('incident_party')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incident.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_party_pk', ['incident_id', 'role', 'party_id'])
    .execute();
  await db.schema.createIndex('incident_party_party_idx').on('incident_party').columns(['party_id', 'role', 'incident_id']).execute();

  const at = '2026-11-27T00:00:00.000Z';
  const setId = '00000000-0000-4000-8000-000000000001';
  await db.insertInto('incident_category_set').values({ id: setId, version: 1, status: 'published', note: '初始分类（CJJ/T 106 事件大类 + 社区常见小类）', published_at: at, published_by: null, created_at: at }).execute();
  await db.insertInto('incident_category').values(CATEGORIES_V1.map((c, i) => ({
    set_id: setId, code: c.code, parent_code: c.code.length === 4 ? c.code.slice(0, 2) : null, name_zh: c.name.zh, name_en: c.name.en,
    deadline_amount: c.deadline?.amount ?? null, deadline_unit: c.deadline?.unit ?? null, urgency: c.urgency ?? null, sort: i,
  }))).execute();
}

/** Drops the incidents tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['incident_party', 'incident', 'incident_handler', 'incident_route_rule', 'incident_category', 'incident_category_set']) await db.schema.dropTable(t).ifExists().execute();
}
