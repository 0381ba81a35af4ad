export { appendOutbox, pendingOutbox, markDelivered, type OutboxEvent, type OutboxRecord } from './outbox.repository.ts';
export type { OutboxTables } from './outbox.table.ts';
