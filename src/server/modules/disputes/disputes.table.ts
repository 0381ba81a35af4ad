import type { Generated } from 'kysely';

interface Stamped {
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

/** Row shapes of the disputes tables. */
export interface DisputesTables {
  mediator: Stamped & {
    id: string;
    region_id: string;
    scope_path: string;
    kind: string;
    elder_kind: string | null;
    name: string;
    phone_enc: string | null;
    phone_mask: string | null;
    /** JSON array of dispute types or free tags. */
    expertise: string;
    note: string | null;
    active: Generated<number>;
  };
  dispute: Stamped & {
    id: string;
    compound_id: string;
    community_id: string;
    grid_id: string | null;
    source_incident_id: string | null;
    scope_path: string;
    type: string;
    summary: string;
    occurred_on: string | null;
    status: string;
    outcome: string | null;
    agreement_text: string | null;
    referred_to: string | null;
    referral_note: string | null;
    withdraw_reason: string | null;
    outcome_at: string | null;
    follow_up_on: string | null;
    follow_up_result: string | null;
    follow_up_note: string | null;
    followed_up_at: string | null;
    reopen_count: Generated<number>;
    session_count: Generated<number>;
    registered_at: string;
    registered_by_name: string;
  };
  dispute_party: {
    id: string;
    dispute_id: string;
    seq: number;
    side: string | null;
    name_enc: string;
    name_mask: string;
    phone_enc: string | null;
    phone_mask: string | null;
    phone_bidx: string | null;
    id_number_enc: string | null;
    id_number_mask: string | null;
    id_number_bidx: string | null;
    created_at: string;
  };
  dispute_mediator: {
    dispute_id: string;
    mediator_id: string;
    assigned_at: string;
    assigned_by: string | null;
  };
  dispute_event: {
    id: string;
    dispute_id: string;
    seq: number;
    event: string;
    from_status: string | null;
    to_status: string;
    actor_id: string | null;
    actor_name: string;
    at: string;
    /** JSON; never personal data of parties. */
    data: string;
  };
}
