import type { Generated } from 'kysely';

/** Columns shared by every mutable, scoped record. */
interface Stamped {
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

/** Row shapes of the registry tables. */
export interface RegistryTables {
  region: Stamped & {
    id: string;
    code: string;
    name: string;
    level: string;
    parent_id: string | null;
    scope_path: string;
    valid_from: string | null;
    valid_to: string | null;
  };
  grid: Stamped & { id: string; community_id: string; scope_path: string; code: string; name: string; business_lines: string; note: string | null };
  grid_worker: Stamped & {
    id: string;
    grid_id: string;
    scope_path: string;
    user_id: string | null;
    name: string;
    phone_enc: string | null;
    phone_mask: string | null;
    duty: string;
    start_on: string | null;
    end_on: string | null;
  };
  compound: Stamped & {
    id: string;
    community_id: string;
    scope_path: string;
    name: string;
    address: string | null;
    housing_type: string;
    build_year: number | null;
    building_count: number | null;
    household_count: number | null;
    floor_area: number | null;
    enclosed: number;
    fee_collection_rate: number | null;
    renovation_year: number | null;
    property_mode: string;
    lat: number | null;
    lng: number | null;
    grid_id: string | null;
    note: string | null;
  };
  building: Stamped & { id: string; compound_id: string; scope_path: string; name: string; floors: number | null; units: number | null; built_year: number | null };
  household: Stamped & {
    id: string;
    compound_id: string;
    building_id: string | null;
    scope_path: string;
    unit: string | null;
    room: string;
    status: string;
    head_resident_id: string | null;
    grid_id: string | null;
    area: number | null;
  };
  resident: Stamped & {
    id: string;
    household_id: string | null;
    compound_id: string;
    scope_path: string;
    name: string;
    gender: string;
    birth_date: string | null;
    id_number_enc: string | null;
    id_number_bidx: string | null;
    id_number_mask: string | null;
    phone_enc: string | null;
    phone_bidx: string | null;
    phone_mask: string | null;
    political_status: string | null;
    relation: string | null;
    tags_enc: string | null;
    has_protected_tags: number;
    moved_out_on: string | null;
  };
  compound_document: Stamped & {
    id: string;
    compound_id: string;
    scope_path: string;
    kind: string;
    title: string;
    adopted_on: string | null;
    valid_to: string | null;
    body: string | null;
  };
}
