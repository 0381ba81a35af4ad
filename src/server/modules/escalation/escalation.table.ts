import type { Generated } from 'kysely';

interface Stamped {
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

/** Row shapes of the escalation and joint-meeting tables. */
export interface EscalationTables {
  escalation_threshold: {
    scope_path: string;
    level: string;
    amount: number;
    unit: string;
    updated_at: string;
    updated_by: string | null;
  };
  incident_escalation: {
    incident_id: string;
    level: string;
    place_id: string;
    scope_path: string;
    version: number;
    updated_at: string;
  };
  escalation_event: {
    id: string;
    incident_id: string;
    from_level: string;
    to_level: string;
    place_id: string;
    place_name: string;
    scope_path: string;
    kind: string;
    reason: string | null;
    due_at: string | null;
    deadline_at: string | null;
    actor_id: string | null;
    actor_name: string;
    at: string;
  };
  joint_body: Stamped & {
    id: string;
    level: string;
    place_id: string;
    place_name: string;
    scope_path: string;
    name: string;
    members: string;
    rota: string;
    rota_start: string;
  };
  joint_chair_override: {
    body_id: string;
    month: string;
    org_id: string;
    reason: string;
    created_at: string;
    created_by: string | null;
  };
  joint_session: Stamped & {
    id: string;
    body_id: string;
    level: string;
    scope_path: string;
    month: string;
    held_on: string;
    place: string;
    chair_org_id: string;
    attendees: string;
    minutes: string;
  };
  joint_case: {
    id: string;
    body_id: string;
    scope_path: string;
    title: string;
    reason: string;
    incident_id: string | null;
    dispute_id: string | null;
    session_id: string | null;
    created_at: string;
    created_by: string | null;
    created_by_name: string;
  };
  joint_item: {
    id: string;
    session_id: string;
    body_id: string;
    seq: number;
    kind: string;
    incident_id: string | null;
    case_id: string | null;
    title: string;
    note: string | null;
    decision: string | null;
    responsible_org_id: string | null;
    due_on: string | null;
    effect: string | null;
  };
  joint_task: Stamped & {
    id: string;
    item_id: string;
    session_id: string;
    body_id: string;
    level: string;
    scope_path: string;
    org_id: string;
    org_scope_path: string;
    incident_id: string | null;
    title: string;
    decision: string;
    due_on: string;
    state: string;
    evidence: string | null;
    done_at: string | null;
    done_by: string | null;
    done_by_name: string | null;
  };
}
