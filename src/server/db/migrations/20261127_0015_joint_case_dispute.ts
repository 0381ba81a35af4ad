import type { Kysely } from 'kysely';

/**
 * A dispute the mediators refer to the higher level becomes a hard case on that level's joint-meeting agenda: the case
 * names the dispute, and one dispute has at most one case waiting for a session.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('joint_case').addColumn('dispute_id', 'text', (c) => c.references('dispute.id')).execute();
  await db.schema.createIndex('joint_case_dispute_idx').on('joint_case').columns(['dispute_id', 'session_id']).execute();
}

/** Drops it. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('joint_case_dispute_idx').ifExists().execute();
  await db.schema.alterTable('joint_case').dropColumn('dispute_id').execute();
}
