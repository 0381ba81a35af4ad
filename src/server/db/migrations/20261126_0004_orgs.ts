import type { Kysely } from 'kysely';
import { withStamps } from '../migration-helpers.ts';

/** Organisations, people, positions, pairings and per-jurisdiction term rules. */
export async function up(db: Kysely<any>): Promise<void> {
  await withStamps(
    db.schema
      .createTable('org')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_id', 'text', (c) => c.references('region.id'))
      .addColumn('compound_id', 'text', (c) => c.references('compound.id'))
      .addColumn('parent_org_id', 'text', (c) => c.references('org.id'))
      .addColumn('scope_path', 'text', (c) => c.notNull())
      .addColumn('uscc', 'text')
      .addColumn('term_start', 'text')
      .addColumn('term_end', 'text')
      .addColumn('founded_on', 'text')
      .addColumn('dissolved_on', 'text')
      .addColumn('filed_on', 'text')
      .addColumn('note', 'text'),
  ).execute();
  await db.schema.createIndex('org_compound_idx').on('org').columns(['compound_id', 'type']).execute();
  await db.schema.createIndex('org_region_idx').on('org').columns(['region_id', 'type']).execute();
  await db.schema.createIndex('org_scope_idx').on('org').columns(['scope_path', 'type']).execute();
  await db.schema.createIndex('org_parent_idx').on('org').column('parent_org_id').execute();

  await withStamps(
    db.schema
      .createTable('person')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scope_path', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('gender', 'text')
      .addColumn('political_status', 'text')
      .addColumn('resident_id', 'text', (c) => c.references('resident.id'))
      .addColumn('is_owner', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('id_number_enc', 'text')
      .addColumn('id_number_bidx', 'text')
      .addColumn('id_number_mask', 'text')
      .addColumn('phone_enc', 'text')
      .addColumn('phone_bidx', 'text')
      .addColumn('phone_mask', 'text'),
  ).execute();
  await db.schema.createIndex('person_scope_idx').on('person').columns(['scope_path', 'name']).execute();
  await db.schema.createIndex('person_resident_idx').on('person').column('resident_id').execute();
  await db.schema.createIndex('person_id_bidx').on('person').column('id_number_bidx').execute();

  await withStamps(
    db.schema
      .createTable('position')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
      .addColumn('scope_path', 'text', (c) => c.notNull())
      .addColumn('post', 'text', (c) => c.notNull())
      .addColumn('membership', 'text')
      .addColumn('part_time', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('start_on', 'text')
      .addColumn('end_on', 'text'),
  ).execute();
  await db.schema.createIndex('position_org_idx').on('position').column('org_id').execute();
  await db.schema.createIndex('position_person_idx').on('position').column('person_id').execute();

  await withStamps(
    db.schema
      .createTable('pairing')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('partner_kind', 'text', (c) => c.notNull())
      .addColumn('partner_org_id', 'text', (c) => c.references('org.id'))
      .addColumn('partner_person_id', 'text', (c) => c.references('person.id'))
      .addColumn('partner_name', 'text', (c) => c.notNull())
      .addColumn('target_compound_id', 'text', (c) => c.references('compound.id'))
      .addColumn('target_region_id', 'text', (c) => c.references('region.id'))
      .addColumn('scope_path', 'text', (c) => c.notNull())
      .addColumn('start_on', 'text')
      .addColumn('end_on', 'text')
      .addColumn('note', 'text'),
  ).execute();
  await db.schema.createIndex('pairing_compound_idx').on('pairing').columns(['target_compound_id', 'kind']).execute();
  await db.schema.createIndex('pairing_region_idx').on('pairing').columns(['target_region_id', 'kind']).execute();
  await db.schema.createIndex('pairing_partner_org_idx').on('pairing').column('partner_org_id').execute();
  await db.schema.createIndex('pairing_partner_person_idx').on('pairing').column('partner_person_id').execute();

  await withStamps(
    db.schema
      .createTable('term_rule')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scope_path', 'text', (c) => c.notNull().unique())
      .addColumn('config', 'text', (c) => c.notNull()),
  ).execute();
}

/** Drops the orgs tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['term_rule', 'pairing', 'position', 'person', 'org']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
