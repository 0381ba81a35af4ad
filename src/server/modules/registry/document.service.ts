import { DomainError, invalid } from '../../../shared/errors.ts';
import { registryProblem } from '../../../shared/registry-problems.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, scopesFor } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { compoundInScope } from './building.service.ts';
import { isCurrentDocument, validateDocumentInput, type CompoundDocument, type DocumentValue } from './document.ts';
import type { RawInput } from './input.ts';
import * as repo from './document.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** A document as the API shows it. */
export type DocumentView<D = CompoundDocument> = D & { current: boolean; abilities: { update: boolean; delete: boolean } };

function view<D extends Omit<CompoundDocument, 'body'>>(ctx: Ctx, d: D): DocumentView<D> {
  const w = can(ctx.actor, 'compound.write', d.scopePath);
  return { ...d, current: isCurrentDocument(d, todayCst(ctx.clock)), abilities: { update: w, delete: w } };
}

async function visibleDocument(db: Db, ctx: Ctx, compoundId: string, id: string): Promise<CompoundDocument> {
  const d = await repo.findDocument(db, id, scopesFor(ctx.actor, 'compound.read'));
  if (!d || d.compoundId !== compoundId) throw new DomainError('NOT_FOUND');
  return d;
}

/** A compound's documents (headers, no bodies), optionally of one kind. */
export async function listDocuments(db: Db, ctx: Ctx, compoundId: string, kind?: string) {
  await compoundInScope(db, ctx, compoundId);
  const items = (await repo.listDocuments(db, compoundId, kind)).map((d) => view(ctx, d));
  return { items, total: items.length };
}

/** One document with its body. */
export async function getDocument(db: Db, ctx: Ctx, compoundId: string, id: string) {
  return view(ctx, await visibleDocument(db, ctx, compoundId, id));
}

/** Adds a document to a compound (compound.write). Idempotent on id. */
export async function createDocument(db: Db, ctx: Ctx, compoundId: string, input: RawInput): Promise<{ document: DocumentView; created: boolean }> {
  const c = await compoundInScope(db, ctx, compoundId);
  if (typeof input.id === 'string') {
    const existing = await repo.findDocument(db, input.id.toLowerCase(), ['/']);
    if (existing && existing.compoundId === compoundId) return { document: view(ctx, existing), created: false };
    if (existing) throw new DomainError('DUPLICATE', { detail: input.id });
  }
  requireAt(ctx.actor, 'compound.write', c.scopePath);
  const { value, problems } = validateDocumentInput(input);
  if (problems.length) throw invalid(problems);
  const v = value as DocumentValue;
  const id = v.id ?? newId();
  return inTx(db, async (tx) => {
    const { id: _i, ...rest } = v;
    await repo.insertDocument(tx, { ...rest, id, compoundId, scopePath: c.scopePath }, nowIso(ctx), ctx.actor.userId);
    await recordAudit(tx, ctx, { action: 'compound_document.create', objectType: 'compound_document', objectId: id, scopePath: c.scopePath, detail: { compoundId, kind: v.kind, title: v.title } });
    return { document: view(ctx, (await repo.findDocument(tx, id, ['/']))!), created: true };
  });
}

/** Updates a document with compare-and-set on version. */
export async function updateDocument(db: Db, ctx: Ctx, compoundId: string, id: string, input: RawInput & { version: number }) {
  return inTx(db, async (tx) => {
    const d = await visibleDocument(tx, ctx, compoundId, id);
    requireAt(ctx.actor, 'compound.write', d.scopePath);
    const { value, problems } = validateDocumentInput(input, true);
    const adoptedOn = value.adoptedOn !== undefined ? value.adoptedOn : d.adoptedOn;
    const validTo = value.validTo !== undefined ? value.validTo : d.validTo;
    if (adoptedOn && validTo && validTo < adoptedOn && !problems.some((p) => p.field === 'validTo')) problems.push(registryProblem('validTo', 'DATE_ORDER'));
    if (problems.length) throw invalid(problems);
    const n = await repo.updateDocument(tx, id, input.version, value, nowIso(ctx));
    if (n === 0) throw new DomainError('STALE', { currentVersion: d.version }, [], { currentVersion: d.version });
    const { body: _b, ...shown } = value;
    await recordAudit(tx, ctx, { action: 'compound_document.update', objectType: 'compound_document', objectId: id, scopePath: d.scopePath, detail: { fields: Object.keys(value), ...shown } });
    return view(ctx, (await repo.findDocument(tx, id, ['/']))!);
  });
}

/** Deletes a document. */
export async function deleteDocument(db: Db, ctx: Ctx, compoundId: string, id: string): Promise<void> {
  await inTx(db, async (tx) => {
    const d = await visibleDocument(tx, ctx, compoundId, id);
    requireAt(ctx.actor, 'compound.write', d.scopePath);
    await repo.deleteDocument(tx, id);
    await recordAudit(tx, ctx, { action: 'compound_document.delete', objectType: 'compound_document', objectId: id, scopePath: d.scopePath, detail: { compoundId, kind: d.kind, title: d.title } });
  });
}
