import { sql, type Kysely } from 'kysely';
import { pgOf, withStamps } from '../migration-helpers.ts';

/**
 * Deliberation: resident opinions, matters (议题) run by a method instance, the 1+5+N member pool and each matter's
 * participants, meetings with attendees and votes, action items, evaluations; and the outbox of domain events that later
 * consumers (points ledger, assessment) read. Areas are stored in hundredths of a square metre (integers), so the
 * 民法典 art. 278 two-thirds checks are exact.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const scopeType = pgOf(db) ? sql`text collate "C"` : sql`text`;
  await withStamps(db.schema
    .createTable('opinion')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compound.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('proxy', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resident_id', 'text')
    .addColumn('name_enc', 'text')
    .addColumn('name_mask', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_mask', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('matter_id', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('ip_hash', 'text'))
    .execute();
  await db.schema.createIndex('opinion_scope_idx').on('opinion').columns(['scope_path', 'received_at']).execute();
  await db.schema.createIndex('opinion_compound_idx').on('opinion').columns(['compound_id', 'received_at']).execute();
  await db.schema.createIndex('opinion_ip_idx').on('opinion').columns(['ip_hash', 'received_at']).execute();
  await db.schema.createIndex('opinion_matter_idx').on('opinion').column('matter_id').execute();

  await withStamps(db.schema
    .createTable('matter')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compound.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('method_key', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull().unique().references('method_instance.id'))
    .addColumn('executor_org_id', 'text')
    .addColumn('deadline', 'text')
    .addColumn('joint_decision_item', 'integer')
    .addColumn('conflict_org_ids', 'text', (c) => c.notNull())
    .addColumn('conflict_member_ids', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('result', 'text')
    .addColumn('outcome', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('satisfaction_sum', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('satisfaction_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text'))
    .execute();
  await db.schema.createIndex('matter_scope_idx').on('matter').columns(['scope_path', 'created_at']).execute();
  await db.schema.createIndex('matter_compound_idx').on('matter').columns(['compound_id', 'decided_at']).execute();

  await withStamps(db.schema
    .createTable('pool_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compound.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('user_id', 'text')
    .addColumn('org_id', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_mask', 'text')
    .addColumn('expertise', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)))
    .execute();
  await db.schema.createIndex('pool_member_compound_idx').on('pool_member').columns(['compound_id', 'active']).execute();

  await db.schema
    .createTable('matter_participant')
    .addColumn('matter_id', 'text', (c) => c.notNull().references('matter.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('pool_member.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('chosen_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addPrimaryKeyConstraint('matter_participant_pk', ['matter_id', 'member_id'])
    .execute();

  await withStamps(db.schema
    .createTable('meeting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compound.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('matter_id', 'text', (c) => c.references('matter.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text')
    .addColumn('minutes', 'text')
    .addColumn('decisions', 'text'))
    .execute();
  await db.schema.createIndex('meeting_scope_idx').on('meeting').columns(['scope_path', 'starts_at']).execute();
  await db.schema.createIndex('meeting_compound_idx').on('meeting').columns(['compound_id', 'starts_at']).execute();
  await db.schema.createIndex('meeting_matter_idx').on('meeting').column('matter_id').execute();

  await db.schema
    .createTable('meeting_attendee')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
    .addColumn('member_id', 'text', (c) => c.references('pool_member.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('invited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signed_in_at', 'text')
    .addColumn('signed_in_by', 'text')
    .addColumn('sign_in_method', 'text')
    .execute();
  await db.schema.createIndex('meeting_attendee_meeting_idx').on('meeting_attendee').columns(['meeting_id', 'member_id']).execute();

  await db.schema
    .createTable('meeting_vote')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
    .addColumn('matter_id', 'text', (c) => c.references('matter.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('owners_item', 'integer')
    .addColumn('total_area_c', 'integer')
    .addColumn('total_owners', 'integer')
    .addColumn('part_area_c', 'integer')
    .addColumn('part_owners', 'integer')
    .addColumn('yes_area_c', 'integer')
    .addColumn('yes_owners', 'integer')
    .addColumn('no_area_c', 'integer')
    .addColumn('no_owners', 'integer')
    .addColumn('eligible', 'integer')
    .addColumn('votes_for', 'integer')
    .addColumn('votes_against', 'integer')
    .addColumn('votes_abstain', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('meeting_vote_matter_idx').on('meeting_vote').columns(['matter_id', 'recorded_at']).execute();
  await db.schema.createIndex('meeting_vote_meeting_idx').on('meeting_vote').column('meeting_id').execute();

  await withStamps(db.schema
    .createTable('action_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('matter_id', 'text', (c) => c.notNull().references('matter.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('executor_org_id', 'text')
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('completion', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text'))
    .execute();
  await db.schema.createIndex('action_item_matter_idx').on('action_item').column('matter_id').execute();

  await db.schema
    .createTable('evaluation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('matter_id', 'text', (c) => c.notNull().references('matter.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('by_kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('satisfaction', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('by_user', 'text')
    .addColumn('ip_hash', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluation_matter_idx').on('evaluation').columns(['matter_id', 'at']).execute();
  await db.schema.createIndex('evaluation_ip_idx').on('evaluation').columns(['ip_hash', 'at']).execute();

  await db.schema
    .createTable('outbox_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('aggregate_type', 'text', (c) => c.notNull())
    .addColumn('aggregate_id', 'text', (c) => c.notNull())
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_event_pending_idx').on('outbox_event').columns(['delivered_at', 'occurred_at']).execute();
  await db.schema.createIndex('outbox_event_aggregate_idx').on('outbox_event').columns(['aggregate_type', 'aggregate_id']).execute();
}

/** Drops the deliberation tables and the outbox. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['outbox_event', 'evaluation', 'action_item', 'meeting_vote', 'meeting_attendee', 'meeting', 'matter_participant', 'pool_member', 'matter', 'opinion']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
