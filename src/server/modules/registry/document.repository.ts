import { sql } from 'kysely';
import { scopeCondition, type Db } from '../../db/database.ts';
import type { DocumentKind } from '../../../shared/registry-codes.ts';
import type { CompoundDocument, DocumentValue } from './document.ts';
import { idChunks } from './scope.repository.ts';

type Row = {
  id: string; compound_id: string; scope_path: string; kind: string; title: string; adopted_on: string | null; valid_to: string | null;
  body: string | null; version: number; created_at: string; updated_at: string;
};

function toDocument(r: Row): CompoundDocument {
  return {
    id: r.id, compoundId: r.compound_id, scopePath: r.scope_path, kind: r.kind as DocumentKind, title: r.title, adoptedOn: r.adopted_on,
    validTo: r.valid_to, body: r.body, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const COLS = ['id', 'compound_id', 'scope_path', 'kind', 'title', 'adopted_on', 'valid_to', 'body', 'version', 'created_at', 'updated_at'] as const;

/** Finds a document by id within the scope prefixes. */
export async function findDocument(db: Db, id: string, prefixes: readonly string[]): Promise<CompoundDocument | null> {
  const r = await db.selectFrom('compound_document').select(COLS).where('id', '=', id).where(scopeCondition('scope_path', prefixes)).executeTakeFirst();
  return r ? toDocument(r) : null;
}

/** A compound's documents, newest adoption first (bodies left out). */
export async function listDocuments(db: Db, compoundId: string, kind?: string): Promise<Omit<CompoundDocument, 'body'>[]> {
  let q = db.selectFrom('compound_document').select(COLS.filter((c) => c !== 'body')).where('compound_id', '=', compoundId);
  if (kind) q = q.where('kind', '=', kind);
  const rows = await q.orderBy('adopted_on', 'desc').orderBy('created_at', 'desc').execute();
  return rows.map((r) => {
    const { body: _b, ...rest } = toDocument({ ...(r as Omit<Row, 'body'>), body: null });
    return rest;
  });
}

/** Document headers of many compounds (no scope: callers pass compounds they may see). */
export async function documentsOfCompounds(db: Db, compoundIds: readonly string[], kind?: string): Promise<{ id: string; compoundId: string; kind: DocumentKind; title: string; adoptedOn: string | null; validTo: string | null }[]> {
  const out: { id: string; compoundId: string; kind: DocumentKind; title: string; adoptedOn: string | null; validTo: string | null }[] = [];
  for (const chunk of idChunks([...new Set(compoundIds)])) {
    if (!chunk.length) continue;
    let q = db.selectFrom('compound_document').select(['id', 'compound_id', 'kind', 'title', 'adopted_on', 'valid_to']).where('compound_id', 'in', chunk);
    if (kind) q = q.where('kind', '=', kind);
    for (const r of await q.orderBy('compound_id').orderBy('adopted_on', 'desc').execute()) {
      out.push({ id: r.id, compoundId: r.compound_id, kind: r.kind as DocumentKind, title: r.title, adoptedOn: r.adopted_on, validTo: r.valid_to });
    }
  }
  return out;
}

/** Inserts a document. */
export async function insertDocument(db: Db, d: Omit<DocumentValue, 'id'> & { id: string; compoundId: string; scopePath: string }, now: string, by: string | null): Promise<void> {
  await db.insertInto('compound_document').values({
    id: d.id, compound_id: d.compoundId, scope_path: d.scopePath, kind: d.kind, title: d.title, adopted_on: d.adoptedOn, valid_to: d.validTo, body: d.body,
    created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** Compare-and-set update of a document. */
export async function updateDocument(db: Db, id: string, version: number, p: Partial<DocumentValue>, now: string): Promise<number> {
  const r = await db.updateTable('compound_document').set({
    ...(p.kind !== undefined ? { kind: p.kind } : {}),
    ...(p.title !== undefined ? { title: p.title } : {}),
    ...(p.adoptedOn !== undefined ? { adopted_on: p.adoptedOn } : {}),
    ...(p.validTo !== undefined ? { valid_to: p.validTo } : {}),
    ...(p.body !== undefined ? { body: p.body } : {}),
    updated_at: now,
    version: sql`version + 1`,
  }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes a document. */
export async function deleteDocument(db: Db, id: string): Promise<void> {
  await db.deleteFrom('compound_document').where('id', '=', id).execute();
}

/** Deletes every document of a compound (when the compound itself goes). */
export async function deleteDocumentsOfCompound(db: Db, compoundId: string): Promise<void> {
  await db.deleteFrom('compound_document').where('compound_id', '=', compoundId).execute();
}
