import type { Generated } from 'kysely';

interface Stamped {
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

/** Row shapes of the deliberation tables (migration 0007). Areas are in hundredths of a square metre. */
export interface DeliberationTables {
  opinion: Stamped & {
    id: string;
    compound_id: string;
    scope_path: string;
    content: string;
    category: string;
    channel: string;
    proxy: number;
    resident_id: string | null;
    name_enc: string | null;
    name_mask: string | null;
    phone_enc: string | null;
    phone_mask: string | null;
    status: string;
    matter_id: string | null;
    answer: string | null;
    answered_at: string | null;
    answered_by: string | null;
    received_at: string;
    ip_hash: string | null;
  };
  matter: Stamped & {
    id: string;
    compound_id: string;
    scope_path: string;
    title: string;
    description: string | null;
    category: string;
    source: string;
    method_key: string;
    instance_id: string;
    executor_org_id: string | null;
    deadline: string | null;
    joint_decision_item: number | null;
    conflict_org_ids: string;
    conflict_member_ids: string;
    decision: string | null;
    decided_at: string | null;
    result: string | null;
    outcome: string | null;
    closed_at: string | null;
    satisfaction_sum: Generated<number>;
    satisfaction_count: Generated<number>;
    published_at: string | null;
  };
  pool_member: Stamped & {
    id: string;
    compound_id: string;
    scope_path: string;
    kind: string;
    name: string;
    title: string | null;
    user_id: string | null;
    org_id: string | null;
    phone_enc: string | null;
    phone_mask: string | null;
    expertise: string;
    note: string | null;
    active: Generated<number>;
  };
  matter_participant: {
    matter_id: string;
    member_id: string;
    kind: string;
    reasons: string;
    chosen_by: string;
    added_at: string;
    added_by: string | null;
  };
  meeting: Stamped & {
    id: string;
    compound_id: string;
    scope_path: string;
    matter_id: string | null;
    purpose: string;
    form: string;
    title: string;
    starts_at: string;
    place: string | null;
    status: string;
    held_at: string | null;
    minutes: string | null;
    decisions: string | null;
  };
  meeting_attendee: {
    id: string;
    meeting_id: string;
    member_id: string | null;
    name: string;
    kind: string;
    invited: number;
    signed_in_at: string | null;
    signed_in_by: string | null;
    sign_in_method: string | null;
  };
  meeting_vote: {
    id: string;
    meeting_id: string;
    matter_id: string | null;
    scope_path: string;
    kind: string;
    owners_item: number | null;
    total_area_c: number | null;
    total_owners: number | null;
    part_area_c: number | null;
    part_owners: number | null;
    yes_area_c: number | null;
    yes_owners: number | null;
    no_area_c: number | null;
    no_owners: number | null;
    eligible: number | null;
    votes_for: number | null;
    votes_against: number | null;
    votes_abstain: number | null;
    outcome: string;
    recorded_at: string;
    recorded_by: string | null;
  };
  action_item: Stamped & {
    id: string;
    matter_id: string;
    scope_path: string;
    title: string;
    executor_org_id: string | null;
    due_date: string | null;
    status: string;
    completion: string | null;
    evidence: string;
    completed_at: string | null;
    completed_by: string | null;
  };
  evaluation: {
    id: string;
    matter_id: string;
    scope_path: string;
    by_kind: string;
    source: string;
    satisfaction: number;
    comment: string | null;
    by_user: string | null;
    ip_hash: string | null;
    at: string;
  };
}
