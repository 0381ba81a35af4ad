import type { Generated } from 'kysely';

/** Row shape of the audit log. */
export interface AuditTables {
  audit_log: {
    seq: Generated<number>;
    id: string;
    at: string;
    actor_id: string | null;
    actor_name: string;
    actor_roles: string;
    ip: string | null;
    action: string;
    object_type: string | null;
    object_id: string | null;
    scope_path: string | null;
    result: string;
    reason: string | null;
    detail: string;
    prev_hash: string;
    hash: string;
  };
}
