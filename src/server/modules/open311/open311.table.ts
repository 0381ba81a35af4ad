/** Row shape of the Open311 table. */
export interface Open311Tables {
  open311_request: {
    incident_id: string;
    media_url: string | null;
    jurisdiction_id: string | null;
    network_hash: string | null;
    keyed: number;
    created_at: string;
  };
}
