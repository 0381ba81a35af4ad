import type { Generated } from 'kysely';

interface Stamped {
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

/** Row shapes of the orgs tables. */
export interface OrgsTables {
  org: Stamped & {
    id: string;
    type: string;
    name: string;
    region_id: string | null;
    compound_id: string | null;
    parent_org_id: string | null;
    scope_path: string;
    uscc: string | null;
    term_start: string | null;
    term_end: string | null;
    founded_on: string | null;
    dissolved_on: string | null;
    filed_on: string | null;
    note: string | null;
  };
  person: Stamped & {
    id: string;
    scope_path: string;
    name: string;
    gender: string | null;
    political_status: string | null;
    resident_id: string | null;
    is_owner: number;
    id_number_enc: string | null;
    id_number_bidx: string | null;
    id_number_mask: string | null;
    phone_enc: string | null;
    phone_bidx: string | null;
    phone_mask: string | null;
  };
  position: Stamped & {
    id: string;
    org_id: string;
    person_id: string;
    scope_path: string;
    post: string;
    membership: string | null;
    part_time: number;
    start_on: string | null;
    end_on: string | null;
  };
  pairing: Stamped & {
    id: string;
    kind: string;
    partner_kind: string;
    partner_org_id: string | null;
    partner_person_id: string | null;
    partner_name: string;
    target_compound_id: string | null;
    target_region_id: string | null;
    scope_path: string;
    start_on: string | null;
    end_on: string | null;
    note: string | null;
  };
  term_rule: Stamped & { id: string; scope_path: string; config: string };
}
