import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './20261126_0001_accounts.ts';
import * as m0002 from './20261126_0002_audit.ts';
import * as m0003 from './20261126_0003_registry.ts';
import * as m0004 from './20261126_0004_orgs.ts';
import * as m0005 from './20261126_0005_scope_collation.ts';
import * as m0006 from './20261126_0006_methods.ts';
import * as m0007 from './20261127_0007_deliberation.ts';
import * as m0008 from './20261127_0008_incidents.ts';
import * as m0009 from './20261127_0009_disputes.ts';
import * as m0010 from './20261127_0010_campaigns.ts';
import * as m0011 from './20261127_0011_escalation.ts';
import * as m0012 from './20261127_0012_open311.ts';
import * as m0013 from './20261127_0013_incident_indexes.ts';
import * as m0014 from './20261127_0014_incident_case_no.ts';
import * as m0015 from './20261127_0015_joint_case_dispute.ts';

/** Every migration in order; append new ones, never edit a merged one. */
export const MIGRATIONS: Record<string, Migration> = {
  '20261126_0001_accounts': m0001,
  '20261126_0002_audit': m0002,
  '20261126_0003_registry': m0003,
  '20261126_0004_orgs': m0004,
  '20261126_0005_scope_collation': m0005,
  '20261126_0006_methods': m0006,
  '20261127_0007_deliberation': m0007,
  '20261127_0008_incidents': m0008,
  '20261127_0009_disputes': m0009,
  '20261127_0010_campaigns': m0010,
  '20261127_0011_escalation': m0011,
  '20261127_0012_open311': m0012,
  '20261127_0013_incident_indexes': m0013,
  '20261127_0014_incident_case_no': m0014,
  '20261127_0015_joint_case_dispute': m0015,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * A Kysely migrator over the static list (works under tsx, Vitest and bundlers). On PostgreSQL a non-default schema
 * must be named: the migrator looks for its own tables across all schemas and would find another schema's.
 */
export function migrator(db: Kysely<any>, schema?: string): Migrator {
  return new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
}

/** Applies all pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const { error, results } = await migrator(db, schema).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String((error as Error).message ?? error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
