import type { Kysely } from 'kysely';
import { REAL, withStamps } from '../migration-helpers.ts';

/** Registry: regions, grids, compounds, buildings, households, residents, compound documents. */
export async function up(db: Kysely<any>): Promise<void> {
  await withStamps(
    db.schema
      .createTable('region')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text', (c) => c.references('region.id'))
      .addColumn('scope_path', 'text', (c) => c.notNull().unique())
      .addColumn('valid_from', 'text')
      .addColumn('valid_to', 'text'),
  ).execute();
  await db.schema.createIndex('region_code_idx').on('region').column('code').execute();
  await db.schema.createIndex('region_parent_idx').on('region').column('parent_id').execute();

  await withStamps(
    db.schema
      .createTable('grid')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('community_id', 'text', (c) => c.notNull().references('region.id'))
      .addColumn('scope_path', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('business_lines', 'text', (c) => c.notNull())
      .addColumn('note', 'text'),
  ).execute();
  await db.schema.createIndex('grid_scope_idx').on('grid').column('scope_path').execute();
  await withStamps(
    db.schema
      .createTable('grid_worker')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('grid_id', 'text', (c) => c.notNull().references('grid.id').onDelete('cascade'))
      .addColumn('scope_path', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.references('app_user.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone_enc', 'text')
      .addColumn('phone_mask', 'text')
      .addColumn('duty', 'text', (c) => c.notNull().defaultTo('worker'))
      .addColumn('start_on', 'text')
      .addColumn('end_on', 'text'),
  ).execute();
  await db.schema.createIndex('grid_worker_grid_idx').on('grid_worker').column('grid_id').execute();

  await withStamps(
    db.schema
      .createTable('compound')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('community_id', 'text', (c) => c.notNull().references('region.id'))
      .addColumn('scope_path', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('housing_type', 'text', (c) => c.notNull())
      .addColumn('build_year', 'integer')
      .addColumn('building_count', 'integer')
      .addColumn('household_count', 'integer')
      .addColumn('floor_area', REAL)
      .addColumn('enclosed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('fee_collection_rate', REAL)
      .addColumn('renovation_year', 'integer')
      .addColumn('property_mode', 'text', (c) => c.notNull())
      .addColumn('lat', REAL)
      .addColumn('lng', REAL)
      .addColumn('grid_id', 'text', (c) => c.references('grid.id'))
      .addColumn('note', 'text'),
  ).execute();
  await db.schema.createIndex('compound_community_idx').on('compound').columns(['community_id', 'name']).execute();
  await db.schema.createIndex('compound_scope_name_idx').on('compound').columns(['scope_path', 'name']).execute();
  await db.schema.createIndex('compound_grid_idx').on('compound').column('grid_id').execute();
  await db.schema.createIndex('compound_type_idx').on('compound').columns(['housing_type', 'scope_path']).execute();

  await withStamps(
    db.schema
      .createTable('building')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('compound_id', 'text', (c) => c.notNull().references('compound.id'))
      .addColumn('scope_path', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('floors', 'integer')
      .addColumn('units', 'integer')
      .addColumn('built_year', 'integer'),
  ).execute();
  await db.schema.createIndex('building_compound_idx').on('building').columns(['compound_id', 'name']).execute();

  await withStamps(
    db.schema
      .createTable('household')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('compound_id', 'text', (c) => c.notNull().references('compound.id'))
      .addColumn('building_id', 'text', (c) => c.references('building.id'))
      .addColumn('scope_path', 'text', (c) => c.notNull())
      .addColumn('unit', 'text')
      .addColumn('room', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('head_resident_id', 'text')
      .addColumn('grid_id', 'text', (c) => c.references('grid.id'))
      .addColumn('area', REAL),
  ).execute();
  await db.schema.createIndex('household_compound_idx').on('household').columns(['compound_id', 'building_id', 'room']).execute();
  await db.schema.createIndex('household_grid_idx').on('household').column('grid_id').execute();

  await withStamps(
    db.schema
      .createTable('resident')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('household_id', 'text', (c) => c.references('household.id'))
      .addColumn('compound_id', 'text', (c) => c.notNull().references('compound.id'))
      .addColumn('scope_path', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('gender', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text')
      .addColumn('id_number_enc', 'text')
      .addColumn('id_number_bidx', 'text')
      .addColumn('id_number_mask', 'text')
      .addColumn('phone_enc', 'text')
      .addColumn('phone_bidx', 'text')
      .addColumn('phone_mask', 'text')
      .addColumn('political_status', 'text')
      .addColumn('relation', 'text')
      .addColumn('tags_enc', 'text')
      .addColumn('has_protected_tags', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('moved_out_on', 'text'),
  ).execute();
  await db.schema.createIndex('resident_id_bidx').on('resident').column('id_number_bidx').execute();
  await db.schema.createIndex('resident_phone_bidx').on('resident').column('phone_bidx').execute();
  await db.schema.createIndex('resident_household_idx').on('resident').column('household_id').execute();
  await db.schema.createIndex('resident_compound_idx').on('resident').columns(['compound_id', 'name']).execute();
  await db.schema.createIndex('resident_scope_idx').on('resident').columns(['scope_path', 'name']).execute();

  await withStamps(
    db.schema
      .createTable('compound_document')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('compound_id', 'text', (c) => c.notNull().references('compound.id'))
      .addColumn('scope_path', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('adopted_on', 'text')
      .addColumn('valid_to', 'text')
      .addColumn('body', 'text'),
  ).execute();
  await db.schema.createIndex('compound_document_idx').on('compound_document').columns(['compound_id', 'kind']).execute();
}

/** Drops the registry tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['compound_document', 'resident', 'household', 'building', 'compound', 'grid_worker', 'grid', 'region']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
