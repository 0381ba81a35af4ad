import type { Db } from '../../db/database.ts';

/** A stored file's record. */
export interface AttachmentRecord {
  id: string;
  instanceId: string | null;
  eventId: string | null;
  scopePath: string | null;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  at: string;
}

type Row = {
  id: string; instance_id: string | null; event_id: string | null; scope_path: string | null; file_name: string; mime_type: string;
  size_bytes: number; sha256: string; storage_key: string; uploaded_by: string | null; at: string;
};

function toRecord(r: Row): AttachmentRecord {
  return {
    id: r.id, instanceId: r.instance_id, eventId: r.event_id, scopePath: r.scope_path, fileName: r.file_name, mimeType: r.mime_type,
    sizeBytes: Number(r.size_bytes), sha256: r.sha256, storageKey: r.storage_key, uploadedBy: r.uploaded_by, at: r.at,
  };
}

/** Inserts an attachment record. */
export async function insertAttachment(db: Db, a: AttachmentRecord): Promise<void> {
  await db.insertInto('attachment').values({
    id: a.id, instance_id: a.instanceId, event_id: a.eventId, scope_path: a.scopePath, file_name: a.fileName, mime_type: a.mimeType,
    size_bytes: a.sizeBytes, sha256: a.sha256, storage_key: a.storageKey, uploaded_by: a.uploadedBy, at: a.at,
  }).execute();
}

/** Attachments by id (the service checks who may use or read them). */
export async function findAttachments(db: Db, ids: readonly string[]): Promise<AttachmentRecord[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('attachment').selectAll().where('id', 'in', [...ids]).execute()).map(toRecord);
}

/** Ties fresh uploads to the instance and the event that used them first. */
export async function attachToEvent(db: Db, ids: readonly string[], instanceId: string, eventId: string, scopePath: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('attachment').set({ instance_id: instanceId, event_id: eventId, scope_path: scopePath })
    .where('id', 'in', [...ids]).where('instance_id', 'is', null).execute();
}

/** Ties fresh uploads to an instance outside any event (e.g. an action item's completion evidence on a matter's instance). */
export async function attachToInstance(db: Db, ids: readonly string[], instanceId: string, scopePath: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('attachment').set({ instance_id: instanceId, scope_path: scopePath })
    .where('id', 'in', [...ids]).where('instance_id', 'is', null).execute();
}
