import type { Kysely } from 'kysely';

/**
 * Open311 GeoReport v2: what a request submitted through /open311/v2 carries beyond its incident (the media URL the client
 * hosts, the jurisdiction it named) and a keyed hash of the sender's network for the per-network limit. Only incidents
 * with a row here are served back to Open311 clients.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('open311_request')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incident.id'))
    .addColumn('media_url', 'text')
    .addColumn('jurisdiction_id', 'text')
    .addColumn('network_hash', 'text')
    .addColumn('keyed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('open311_request_created_idx').on('open311_request').column('created_at').execute();
  await db.schema.createIndex('open311_request_network_idx').on('open311_request').columns(['network_hash', 'created_at']).execute();
}

/** Drops the Open311 table. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('open311_request').ifExists().execute();
}
