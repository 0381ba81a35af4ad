/** Row shape of the outbox: domain events written in the transaction that caused them, for later consumers. */
export interface OutboxTables {
  outbox_event: {
    id: string;
    type: string;
    aggregate_type: string;
    aggregate_id: string;
    scope_path: string;
    payload: string;
    occurred_at: string;
    delivered_at: string | null;
  };
}
