import { DomainError, invalid } from '../../../shared/errors.ts';
import type { Bulletin } from '../../../shared/deliberation.ts';
import { inTx, type Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Ctx } from '../../lib/context.ts';
import type { Keyring } from '../../lib/crypto.ts';
import { sealPhone } from '../../lib/pii.ts';
import type { Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { stageOf } from '../methods/index.ts';
import { findCompoundRef } from '../registry/index.ts';
import * as evaluations from './evaluation.repository.ts';
import { recordEvaluation } from './evaluation.service.ts';
import { bulletinItem, rateable } from './matter.ts';
import * as matters from './matter.repository.ts';
import { checkOpinion, PUBLIC_OPINIONS_PER_HOUR, PUBLIC_RATINGS_PER_DAY } from './opinion.ts';
import * as opinions from './opinion.repository.ts';
import { sealName } from './opinion.service.ts';
import { cstDateOf, instantRange, monthRange } from './report.ts';
import { compoundPeriodFigures, compoundPlaceNames } from './report.repository.ts';

// The public side of deliberation: what residents reach without an account from the QR code on the notice board.
// Nothing here returns personal data; writes are limited per network in the database, by a keyed hash of the IP.

/** Decided matters the bulletin shows at most. */
export const BULLETIN_LIMIT = 100;

/** What the public use cases need: keys for sealing and hashing, the clock. */
export interface PublicDeps {
  keys: Keyring;
  clock: Clock;
}

/** The anonymous caller of the public pages, as the audit log records it (no IP: only its keyed hash is kept). */
const PUBLIC_ACTOR: Actor = { kind: 'system', userId: null, username: 'public', displayName: '公众', grants: [], ip: null, sessionId: null };

function publicCtx(deps: PublicDeps): Ctx {
  return { actor: PUBLIC_ACTOR, keys: deps.keys, clock: deps.clock };
}

/** A keyed hash of the caller's network address: enough to limit repeat submissions, useless to identify anyone without the key. */
export function networkHash(keys: Keyring, ip: string): string {
  return keys.blindIndex('public-ip', ip);
}

/** A compound's public identity, or NOT_FOUND. */
export async function publicCompound(db: Db, id: string) {
  const c = await compoundPlaceNames(db, id);
  if (!c) throw new DomainError('NOT_FOUND');
  return c;
}

/** A resident's opinion from the public form. */
export interface PublicOpinion {
  id: string;
  content: string;
  category?: string;
  name?: string | null;
  phone?: string | null;
}

/**
 * Takes an opinion from the public form: channel online, no account. A retry with the same id answers the first receipt
 * (created false). At most PUBLIC_OPINIONS_PER_HOUR per network and compound.
 */
export async function submitPublicOpinion(db: Db, deps: PublicDeps, compoundId: string, input: PublicOpinion, ip: string): Promise<{ result: { id: string; receivedAt: string }; created: boolean }> {
  const compound = await findCompoundRef(db, compoundId);
  if (!compound) throw new DomainError('NOT_FOUND');
  const existing = await opinions.findOpinion(db, input.id, null);
  if (existing) {
    if (existing.compoundId !== compound.id || existing.proxy) throw new DomainError('ID_CONFLICT');
    return { result: { id: existing.id, receivedAt: existing.receivedAt }, created: false };
  }
  const now = deps.clock.now();
  const { problems, value } = checkOpinion({ content: input.content, category: input.category ?? 'other', residentName: input.name, phone: input.phone }, now);
  if (problems.length) throw invalid(problems.map((p) => (p.field === 'residentName' ? { ...p, field: 'name' } : p)));
  const ipHash = networkHash(deps.keys, ip);
  const since = new Date(now.getTime() - 3600_000).toISOString();
  if ((await opinions.countFromNetwork(db, compound.id, ipHash, since)) >= PUBLIC_OPINIONS_PER_HOUR) {
    throw new DomainError('OPINION_RATE_LIMITED', { max: PUBLIC_OPINIONS_PER_HOUR });
  }
  const ctx = publicCtx(deps);
  const at = now.toISOString();
  return inTx(db, async (tx) => {
    await opinions.insertOpinion(tx, {
      id: input.id, compoundId: compound.id, scopePath: compound.scopePath, content: value.content, category: input.category ?? 'other',
      channel: 'online', proxy: false, residentId: null, name: value.residentName ? sealName(deps.keys, value.residentName) : null,
      phone: value.phone ? sealPhone(deps.keys, value.phone) : null, receivedAt: at, ipHash,
    }, at, null);
    await recordAudit(tx, ctx, {
      action: 'opinion.submit', objectType: 'opinion', objectId: input.id, scopePath: compound.scopePath,
      detail: { compoundId: compound.id, channel: 'online', category: input.category ?? 'other', withName: !!value.residentName, withPhone: !!value.phone },
    });
    return { result: { id: input.id, receivedAt: at }, created: true };
  });
}

/** The public bulletin (晒) of a compound: its decided matters, latest first, with every free text scrubbed. */
export async function bulletin(db: Db, deps: PublicDeps, compoundId: string): Promise<Bulletin> {
  const compound = await publicCompound(db, compoundId);
  const rows = await matters.decidedMatters(db, compoundId, BULLETIN_LIMIT);
  const bodies = await matters.templateBodies(db, rows.map((r) => r.templateId));
  const people = await matters.peopleOfMatters(db, compoundId, rows.map((r) => r.id));
  const names = [...people.plain, ...people.sealed.map((s) => deps.keys.decrypt(s))];
  const now = deps.clock.now();
  const month = monthRange(cstDateOf(now).slice(0, 7))!;
  const { fromAt, toAt } = instantRange(month.from, month.to);
  const figures = await compoundPeriodFigures(db, compoundId, fromAt, toAt);
  return {
    compound,
    items: rows.map((m) => {
      const t = bodies.get(m.templateId);
      const stage = t ? stageOf(t, m.stage) : undefined;
      return bulletinItem({ ...m, decidedAt: m.decidedAt! }, {
        methodName: t?.name ?? { zh: m.methodKey, en: m.methodKey }, stageName: stage?.name ?? { zh: m.stage, en: m.stage },
      }, names);
    }),
    opinionsThisMonth: figures.opinions,
    meetingsThisMonth: figures.meetings,
    generatedAt: now.toISOString(),
  };
}

/** A resident's rating from the bulletin. */
export interface PublicRating {
  id: string;
  satisfaction: number;
  comment?: string | null;
}

/**
 * Takes a resident's rating of a decided and carried-out matter (retry-safe by id); one per network, matter and day.
 * It counts toward the matter's satisfaction and goes to the outbox as 'matter.evaluated'.
 */
export async function ratePublic(db: Db, deps: PublicDeps, matterId: string, input: PublicRating, ip: string): Promise<{ result: { id: string; at: string }; created: boolean }> {
  const m = await matters.findMatter(db, matterId, null);
  if (!m) throw new DomainError('NOT_FOUND');
  const existing = await evaluations.findEvaluation(db, input.id);
  if (existing) {
    if (existing.matterId !== m.id || existing.source !== 'public') throw new DomainError('ID_CONFLICT');
    return { result: { id: existing.id, at: existing.at }, created: false };
  }
  if (!rateable(m)) throw new DomainError('MATTER_NOT_RATEABLE');
  const now = deps.clock.now();
  const ipHash = networkHash(deps.keys, ip);
  if ((await evaluations.ratingsFromNetwork(db, m.id, ipHash, new Date(now.getTime() - 86_400_000).toISOString())) >= PUBLIC_RATINGS_PER_DAY) {
    throw new DomainError('RATING_RATE_LIMITED');
  }
  const at = now.toISOString();
  return inTx(db, async (tx) => {
    await recordEvaluation(tx, m, { id: input.id, byKind: 'resident', source: 'public', satisfaction: input.satisfaction, comment: input.comment?.trim() || null, byUser: null, ipHash, at });
    await recordAudit(tx, publicCtx(deps), { action: 'matter.rate', objectType: 'matter', objectId: m.id, scopePath: m.scopePath, detail: { evaluationId: input.id, satisfaction: input.satisfaction } });
    return { result: { id: input.id, at }, created: true };
  });
}

/** The address the bulletin's QR code points at: the configured public base URL, else the request's own. */
export function bulletinUrl(base: string, compoundId: string): string {
  return `${base.replace(/\/+$/, '')}/p/${encodeURIComponent(compoundId)}`;
}
