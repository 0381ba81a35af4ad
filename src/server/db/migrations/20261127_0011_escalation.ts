import { sql, type Kysely } from 'kysely';
import { pgOf, withStamps } from '../migration-helpers.ts';

/**
 * The escalation ladder (compound → community → street → county) and the four-level joint meetings (四级联席会议):
 * overdue thresholds per level (data, with national defaults), each incident's current level, the append-only record of
 * every rise, joint-meeting bodies with their rota and chair changes, hard cases added by hand, sessions, the items they
 * coordinated and the tasks their decisions sent down.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const scopeType = pgOf(db) ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('escalation_threshold')
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('escalation_threshold_pk', ['scope_path', 'level'])
    .execute();
  // The defaults (overdue by 2 / 5 / 10 working days rises to community / street / county) are rows, so a city changes them as data.
  const at = '2026-11-27T00:00:00.000Z';
  await db.insertInto('escalation_threshold').values([
    { scope_path: '/', level: 'community', amount: 2, unit: 'working_days', updated_at: at, updated_by: null },
    { scope_path: '/', level: 'street', amount: 5, unit: 'working_days', updated_at: at, updated_by: null },
    { scope_path: '/', level: 'county', amount: 10, unit: 'working_days', updated_at: at, updated_by: null },
  ]).execute();

  await db.schema
    .createTable('incident_escalation')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incident.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.notNull())
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_escalation_place_idx').on('incident_escalation').columns(['place_id', 'level']).execute();

  await db.schema
    .createTable('escalation_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incident.id'))
    .addColumn('from_level', 'text', (c) => c.notNull())
    .addColumn('to_level', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.notNull())
    .addColumn('place_name', 'text', (c) => c.notNull())
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('due_at', 'text')
    .addColumn('deadline_at', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // An incident reaches each level once: two schedulers racing on the same rise collide here.
    .addUniqueConstraint('escalation_event_level_uq', ['incident_id', 'to_level'])
    .execute();
  await db.schema.createIndex('escalation_event_place_idx').on('escalation_event').columns(['place_id', 'to_level', 'at']).execute();
  await db.schema.createIndex('escalation_event_scope_idx').on('escalation_event').columns(['scope_path', 'at']).execute();

  await withStamps(db.schema
    .createTable('joint_body')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.notNull().unique())
    .addColumn('place_name', 'text', (c) => c.notNull())
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('members', 'text', (c) => c.notNull())
    .addColumn('rota', 'text', (c) => c.notNull())
    .addColumn('rota_start', 'text', (c) => c.notNull()))
    .execute();
  await db.schema.createIndex('joint_body_scope_idx').on('joint_body').columns(['scope_path']).execute();

  await db.schema
    .createTable('joint_chair_override')
    .addColumn('body_id', 'text', (c) => c.notNull().references('joint_body.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('joint_chair_override_pk', ['body_id', 'month'])
    .execute();

  await withStamps(db.schema
    .createTable('joint_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull().references('joint_body.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('chair_org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text', (c) => c.notNull()))
    .execute();
  await db.schema.createIndex('joint_session_body_idx').on('joint_session').columns(['body_id', 'held_on']).execute();
  await db.schema.createIndex('joint_session_scope_idx').on('joint_session').columns(['scope_path', 'month']).execute();

  await db.schema
    .createTable('joint_case')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull().references('joint_body.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.references('incident.id'))
    .addColumn('session_id', 'text', (c) => c.references('joint_session.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('joint_case_body_idx').on('joint_case').columns(['body_id', 'session_id']).execute();

  await db.schema
    .createTable('joint_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('joint_session.id'))
    .addColumn('body_id', 'text', (c) => c.notNull().references('joint_body.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.references('incident.id'))
    .addColumn('case_id', 'text', (c) => c.references('joint_case.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decision', 'text')
    .addColumn('responsible_org_id', 'text', (c) => c.references('org.id'))
    .addColumn('due_on', 'text')
    .addColumn('effect', 'text')
    .execute();
  await db.schema.createIndex('joint_item_session_idx').on('joint_item').columns(['session_id', 'seq']).execute();
  await db.schema.createIndex('joint_item_incident_idx').on('joint_item').columns(['incident_id', 'body_id']).execute();

  await withStamps(db.schema
    .createTable('joint_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().unique().references('joint_item.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('joint_session.id'))
    .addColumn('body_id', 'text', (c) => c.notNull().references('joint_body.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('org_scope_path', scopeType, (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.references('incident.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .addColumn('done_by_name', 'text'))
    .execute();
  await db.schema.createIndex('joint_task_scope_idx').on('joint_task').columns(['scope_path', 'state', 'due_on']).execute();
  await db.schema.createIndex('joint_task_org_idx').on('joint_task').columns(['org_id', 'state', 'due_on']).execute();
  await db.schema.createIndex('joint_task_body_idx').on('joint_task').columns(['body_id', 'state']).execute();
}

/** Drops the escalation and joint-meeting tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['joint_task', 'joint_item', 'joint_case', 'joint_session', 'joint_chair_override', 'joint_body', 'escalation_event', 'incident_escalation', 'escalation_threshold']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
