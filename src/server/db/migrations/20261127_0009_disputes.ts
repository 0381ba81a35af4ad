import { sql, type Kysely } from 'kysely';
import { pgOf, withStamps } from '../migration-helpers.ts';

/**
 * Disputes (矛盾纠纷): the mediator pools of regions, disputes at a compound with their parties (name, phone and ID number
 * sealed), the mediators on each dispute, and each dispute's append-only timeline (mediation sessions are entries of it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const scopeType = pgOf(db) ? sql`text collate "C"` : sql`text`;
  await withStamps(db.schema
    .createTable('mediator')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('region.id'))
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('elder_kind', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_mask', 'text')
    .addColumn('expertise', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)))
    .execute();
  await db.schema.createIndex('mediator_scope_idx').on('mediator').columns(['scope_path', 'kind']).execute();

  await withStamps(db.schema
    .createTable('dispute')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compound.id'))
    .addColumn('community_id', 'text', (c) => c.notNull().references('region.id'))
    .addColumn('grid_id', 'text', (c) => c.references('grid.id'))
    .addColumn('source_incident_id', 'text')
    .addColumn('scope_path', scopeType, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('agreement_text', 'text')
    .addColumn('referred_to', 'text')
    .addColumn('referral_note', 'text')
    .addColumn('withdraw_reason', 'text')
    .addColumn('outcome_at', 'text')
    .addColumn('follow_up_on', 'text')
    .addColumn('follow_up_result', 'text')
    .addColumn('follow_up_note', 'text')
    .addColumn('followed_up_at', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('session_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_by_name', 'text', (c) => c.notNull()))
    .execute();
  await db.schema.createIndex('dispute_scope_idx').on('dispute').columns(['scope_path', 'registered_at']).execute();
  await db.schema.createIndex('dispute_compound_idx').on('dispute').columns(['compound_id', 'registered_at']).execute();
  await db.schema.createIndex('dispute_incident_idx').on('dispute').column('source_incident_id').execute();

  await db.schema
    .createTable('dispute_party')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dispute_id', 'text', (c) => c.notNull().references('dispute.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('side', 'text')
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('name_mask', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_mask', 'text')
    .addColumn('phone_bidx', 'text')
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_mask', 'text')
    .addColumn('id_number_bidx', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dispute_party_seq_uq', ['dispute_id', 'seq'])
    .execute();
  // Blind indexes find the earlier disputes of one person without decrypting anything.
  await db.schema.createIndex('dispute_party_id_idx').on('dispute_party').column('id_number_bidx').execute();
  await db.schema.createIndex('dispute_party_phone_idx').on('dispute_party').column('phone_bidx').execute();

  await db.schema
    .createTable('dispute_mediator')
    .addColumn('dispute_id', 'text', (c) => c.notNull().references('dispute.id'))
    .addColumn('mediator_id', 'text', (c) => c.notNull().references('mediator.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text')
    .addPrimaryKeyConstraint('dispute_mediator_pk', ['dispute_id', 'mediator_id'])
    .execute();
  await db.schema.createIndex('dispute_mediator_mediator_idx').on('dispute_mediator').column('mediator_id').execute();

  await db.schema
    .createTable('dispute_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dispute_id', 'text', (c) => c.notNull().references('dispute.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('dispute_event_seq_uq', ['dispute_id', 'seq'])
    .execute();
  if (pgOf(db)) {
    await sql`CREATE FUNCTION dispute_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'dispute_event is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER dispute_event_no_change BEFORE UPDATE OR DELETE ON dispute_event
      FOR EACH ROW EXECUTE FUNCTION dispute_event_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER dispute_event_no_update BEFORE UPDATE ON dispute_event BEGIN SELECT RAISE(ABORT, 'dispute_event is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER dispute_event_no_delete BEFORE DELETE ON dispute_event BEGIN SELECT RAISE(ABORT, 'dispute_event is append-only'); END`.execute(db);
  }
}

/** Drops the disputes tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['dispute_event', 'dispute_mediator', 'dispute_party', 'dispute', 'mediator']) await db.schema.dropTable(t).ifExists().execute();
  if (pgOf(db)) await sql`DROP FUNCTION IF EXISTS dispute_event_append_only()`.execute(db);
}
