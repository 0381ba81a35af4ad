import type { Db } from '../../db/database.ts';
import type { Keyring } from '../../lib/crypto.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { requireScopes, roleSummary, type Actor } from '../accounts/actor.ts';
import { chainInput, GENESIS_HASH, scrubDetail, type AuditEntry, type ChainReport } from './audit.ts';
import * as repo from './audit.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** What a caller states about one audited event. */
export interface AuditInput {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  scopePath?: string | null;
  result?: 'success' | 'failure';
  reason?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends one entry to the hash chain, inside the caller's transaction so it commits with the change. */
export async function recordAudit(db: Db, ctx: { actor: Actor; keys: Keyring; clock: Ctx['clock'] }, input: AuditInput): Promise<string> {
  const entry: AuditEntry = {
    id: newId(),
    at: nowIso(ctx),
    actorId: ctx.actor.userId,
    actorName: ctx.actor.username,
    actorRoles: roleSummary(ctx.actor),
    ip: ctx.actor.ip,
    action: input.action,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    scopePath: input.scopePath ?? null,
    result: input.result ?? 'success',
    reason: input.reason ?? null,
    detail: scrubDetail(input.detail ?? {}),
  };
  await repo.lockChain(db);
  const prev = (await repo.lastHash(db)) ?? GENESIS_HASH;
  await repo.insertAudit(db, entry, prev, ctx.keys.auditMac(chainInput(prev, entry)));
  return entry.id;
}

/** Walks the whole chain and reports the first changed, inserted or deleted entry. */
export async function verifyChain(db: Db, keys: Keyring): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  let lastSeq: number | null = null;
  for (;;) {
    const page = await repo.auditPage(db, after, 2000);
    if (page.length === 0) break;
    for (const e of page) {
      if (lastSeq !== null && e.seq !== lastSeq + 1) return { ok: false, checked, firstBadSeq: e.seq, problem: 'seq_gap' };
      if (e.prevHash !== prev) return { ok: false, checked, firstBadSeq: e.seq, problem: 'link_broken' };
      const { seq: _s, prevHash: _p, hash, ...entry } = e;
      if (keys.auditMac(chainInput(prev, entry)) !== hash) return { ok: false, checked, firstBadSeq: e.seq, problem: 'hash_mismatch' };
      prev = hash;
      lastSeq = e.seq;
      checked++;
    }
    after = page[page.length - 1].seq;
  }
  return { ok: true, checked, firstBadSeq: null, problem: null };
}

/** The auditor's view: entries under the caller's audit.read scope, newest first. */
export async function searchAudit(db: Db, ctx: Ctx, filter: repo.AuditFilter, limit: number, offset: number) {
  const scopes = requireScopes(ctx.actor, 'audit.read');
  // An auditor granted below the root sees the entries of that place only (sign-ins carry no place).
  const page = await repo.listAudit(db, { ...filter, ...(scopes.includes('/') ? {} : { scopes }) }, limit, offset);
  return { total: page.total, items: page.rows };
}
