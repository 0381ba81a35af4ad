import { sql, type Kysely } from 'kysely';

/**
 * What the incident benchmark (1,000,000 incidents) showed missing. The KPI table reads a dozen timestamps of every
 * incident of a place and period: a covering index keeps that a range scan (a street's year: ~50 ms instead of ~1 s of
 * scattered row reads). Task lists ask "open incidents at these stages where this party holds this role": each party
 * row now carries its incident's stage while the incident is open, indexed, so a task list reads the caller's own open
 * cases instead of every open case of the city; desk stages use a partial index over open incidents.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('incident_kpi_idx').on('incident').columns([
    'scope_path', 'reported_at', 'deadline_at', 'registered_at', 'outcome', 'accepted_at', 'stage', 'feedback_at', 'closed_at', 'ended_at',
    'first_dispatched_at', 'rework_count', 'category_code', 'grid_id', 'handler_id', 'handler_name', 'reporter_user_id', 'reporter_display',
  ]).execute();
  await db.schema.createIndex('incident_open_stage_idx').on('incident').columns(['stage', 'stage_due_at', 'id']).where(sql.ref('ended_at'), 'is', null).execute();
  await db.schema.alterTable('incident_party').addColumn('stage', 'text').execute();
  await sql`UPDATE incident_party SET stage = (SELECT CASE WHEN i.ended_at IS NULL THEN i.stage END FROM incident i WHERE i.id = incident_party.incident_id)`.execute(db);
  await db.schema.createIndex('incident_party_open_idx').on('incident_party').columns(['party_id', 'role', 'stage', 'incident_id']).where(sql.ref('stage'), 'is not', null).execute();
}

/** Drops them. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('incident_party_open_idx').ifExists().execute();
  await db.schema.alterTable('incident_party').dropColumn('stage').execute();
  await db.schema.dropIndex('incident_open_stage_idx').ifExists().execute();
  await db.schema.dropIndex('incident_kpi_idx').ifExists().execute();
}
