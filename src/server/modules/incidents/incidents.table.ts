/** Row shapes of the incidents tables. */
export interface IncidentsTables {
  incident_category_set: {
    id: string;
    version: number;
    status: string;
    note: string | null;
    published_at: string;
    published_by: string | null;
    created_at: string;
  };
  incident_category: {
    set_id: string;
    code: string;
    parent_code: string | null;
    name_zh: string;
    name_en: string;
    deadline_amount: number | null;
    deadline_unit: string | null;
    urgency: string | null;
    sort: number;
  };
  incident_route_rule: {
    id: string;
    set_id: string;
    category_code: string | null;
    scope_path: string;
    org_id: string;
    note: string | null;
    sort: number;
  };
  incident_handler: {
    org_id: string;
    user_id: string;
    scope_path: string;
    created_at: string;
    created_by: string | null;
  };
  incident: {
    id: string;
    category_set_id: string;
    category_version: number;
    category_code: string;
    major_code: string;
    urgency: string;
    description: string;
    address: string | null;
    lat: number | null;
    lng: number | null;
    community_id: string;
    compound_id: string | null;
    grid_id: string | null;
    scope_path: string;
    source_channel: string;
    external_order_no: string | null;
    case_no: string | null;
    reporter_kind: string;
    reporter_user_id: string | null;
    reporter_display: string | null;
    reporter_name_enc: string | null;
    reporter_name_mask: string | null;
    reporter_phone_enc: string | null;
    reporter_phone_mask: string | null;
    reporter_token_hash: string | null;
    needs_confirmation: number;
    instance_id: string | null;
    template_id: string | null;
    instance_version: number;
    stage: string;
    stage_due_at: string | null;
    outcome: string | null;
    handler_kind: string | null;
    handler_id: string | null;
    handler_name: string | null;
    possible_duplicate: number;
    duplicate_candidates: string;
    duplicate_of: string | null;
    deadline_at: string | null;
    original_deadline_at: string | null;
    pending_until: string | null;
    rework_count: number;
    return_count: number;
    extension_count: number;
    feedback_count: number;
    suspended_at: string | null;
    satisfaction: number | null;
    reported_at: string;
    accepted_at: string | null;
    registered_at: string | null;
    first_dispatched_at: string | null;
    dispatched_at: string | null;
    signed_at: string | null;
    feedback_at: string | null;
    verified_at: string | null;
    confirmed_at: string | null;
    closed_at: string | null;
    ended_at: string | null;
    version: number;
    created_at: string;
    updated_at: string;
    created_by: string | null;
  };
  incident_counter: {
    day: string;
    n: number;
  };
  incident_party: {
    incident_id: string;
    role: string;
    party_id: string;
    /** The incident's stage while it is open, null once it has ended (task lists look parties up by it). */
    stage: string | null;
  };
}
