import type { Generated } from 'kysely';

interface Stamped {
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

/** Row shapes of the campaigns tables. */
export interface CampaignsTables {
  campaign: Stamped & {
    id: string;
    name: string;
    description: string | null;
    region_id: string;
    scope_path: string;
    /** JSON array of incident category codes (大类 or 小类). */
    problem_types: string;
    starts_on: string;
    ends_on: string;
    status: string;
    started_at: string | null;
    started_by: string | null;
    finished_at: string | null;
    finished_by: string | null;
  };
  campaign_task: Stamped & {
    id: string;
    campaign_id: string;
    compound_id: string;
    community_id: string;
    scope_path: string;
    origin: string;
    status: string;
    /** The client id of the inspection, so a resent inspection is recognised. */
    inspection_id: string | null;
    inspected_at: string | null;
    inspected_by: string | null;
    inspected_by_name: string | null;
    result: string | null;
    note: string | null;
    waived_at: string | null;
    waived_by_name: string | null;
    waive_reason: string | null;
  };
  campaign_finding: {
    id: string;
    campaign_id: string;
    task_id: string;
    incident_id: string;
    /** Position within its inspection, so findings list in the order they were recorded. */
    seq: number;
    category_code: string;
    description: string;
    created_at: string;
    created_by: string | null;
    created_by_name: string;
  };
}
