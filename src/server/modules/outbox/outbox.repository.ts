import type { Db } from '../../db/database.ts';
import { newId } from '../../../shared/ids.ts';

/** A domain event as written to the outbox. */
export interface OutboxEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  scopePath: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** A stored outbox event. */
export interface OutboxRecord extends OutboxEvent {
  id: string;
  deliveredAt: string | null;
}

/** Appends events to the outbox; call it with the transaction that made the change, so both commit or neither. */
export async function appendOutbox(tx: Db, events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insertInto('outbox_event').values(events.map((e) => ({
    id: newId(), type: e.type, aggregate_type: e.aggregateType, aggregate_id: e.aggregateId, scope_path: e.scopePath,
    payload: JSON.stringify(e.payload), occurred_at: e.occurredAt, delivered_at: null,
  }))).execute();
}

/** Undelivered events, oldest first, optionally of some types; for consumers and tests. */
export async function pendingOutbox(db: Db, types: readonly string[] | null, limit: number): Promise<OutboxRecord[]> {
  let q = db.selectFrom('outbox_event').selectAll().where('delivered_at', 'is', null);
  if (types) q = q.where('type', 'in', types);
  const rows = await q.orderBy('occurred_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, type: r.type, aggregateType: r.aggregate_type, aggregateId: r.aggregate_id, scopePath: r.scope_path,
    payload: JSON.parse(r.payload) as Record<string, unknown>, occurredAt: r.occurred_at, deliveredAt: r.delivered_at,
  }));
}

/** Marks events delivered once a consumer has handled them. */
export async function markDelivered(db: Db, ids: readonly string[], at: string): Promise<void> {
  if (ids.length) await db.updateTable('outbox_event').set({ delivered_at: at }).where('id', 'in', ids).execute();
}
