import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { EVALUATOR_KINDS, type EvaluationView, type EvaluatorKind } from '../../../shared/deliberation.ts';
import { inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { requireAt, requireScopes } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { appendOutbox } from '../outbox/index.ts';
import { evaluable } from './matter.ts';
import * as repo from './evaluation.repository.ts';
import { addSatisfaction, findMatter } from './matter.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** What an evaluation says, wherever it comes from. */
export interface EvaluationInput {
  id: string;
  byKind: EvaluatorKind;
  source: EvaluationView['source'];
  satisfaction: number;
  comment: string | null;
  byUser: string | null;
  ipHash: string | null;
  at: string;
}

/**
 * Stores one evaluation in the caller's transaction: the row, the matter's running satisfaction total, and the
 * 'matter.evaluated' domain event for later consumers (assessment, points).
 */
export async function recordEvaluation(tx: Db, m: { id: string; compoundId: string; scopePath: string }, e: EvaluationInput): Promise<void> {
  await repo.insertEvaluation(tx, { ...e, matterId: m.id, scopePath: m.scopePath });
  await addSatisfaction(tx, m.id, e.satisfaction);
  await appendOutbox(tx, [{
    type: 'matter.evaluated', aggregateType: 'matter', aggregateId: m.id, scopePath: m.scopePath, occurredAt: e.at,
    payload: { matterId: m.id, compoundId: m.compoundId, evaluationId: e.id, satisfaction: e.satisfaction, byKind: e.byKind, source: e.source },
  }]);
}

function view(e: repo.EvaluationRecord): EvaluationView {
  return { id: e.id, byKind: e.byKind, source: e.source, satisfaction: e.satisfaction, comment: e.comment, at: e.at };
}

/** A matter's evaluations, oldest first. */
export async function listEvaluations(db: Db, ctx: Ctx, matterId: string): Promise<EvaluationView[]> {
  const m = await findMatter(db, matterId, requireScopes(ctx.actor, 'deliberation.read'));
  if (!m) throw new DomainError('NOT_FOUND');
  return (await repo.evaluationsOf(db, matterId)).map(view);
}

/** A staff-recorded evaluation (e.g. the supervisory board's verdict from its meeting). */
export interface NewEvaluation {
  id?: string;
  byKind: string;
  satisfaction: number;
  comment?: string | null;
}

/** Records an evaluation by staff once the matter was decided; retry-safe by id. */
export async function createEvaluation(db: Db, ctx: Ctx, matterId: string, input: NewEvaluation): Promise<{ evaluation: EvaluationView; created: boolean }> {
  const m = await findMatter(db, matterId, requireScopes(ctx.actor, 'deliberation.read'));
  if (!m) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'deliberation.write', m.scopePath);
  const id = input.id ?? newId();
  const existing = await repo.findEvaluation(db, id);
  if (existing) {
    if (existing.matterId !== m.id) throw new DomainError('ID_CONFLICT');
    return { evaluation: view(existing), created: false };
  }
  const problems = [];
  if (!(EVALUATOR_KINDS as readonly string[]).includes(input.byKind)) problems.push(fieldProblem('byKind', 'NOT_IN_LIST', { allowed: EVALUATOR_KINDS.join(', ') }));
  if (!Number.isInteger(input.satisfaction) || input.satisfaction < 1 || input.satisfaction > 5) problems.push(fieldProblem('satisfaction', 'OUT_OF_RANGE', { min: 1, max: 5 }));
  if (problems.length) throw invalid(problems);
  if (!evaluable(m)) throw new DomainError('MATTER_NOT_RATEABLE');
  const at = nowIso(ctx);
  return inTx(db, async (tx) => {
    await recordEvaluation(tx, m, {
      id, byKind: input.byKind as EvaluatorKind, source: 'staff', satisfaction: input.satisfaction, comment: input.comment?.trim() || null,
      byUser: ctx.actor.userId, ipHash: null, at,
    });
    await recordAudit(tx, ctx, { action: 'matter.evaluate', objectType: 'matter', objectId: m.id, scopePath: m.scopePath, detail: { evaluationId: id, byKind: input.byKind, satisfaction: input.satisfaction } });
    return { evaluation: view((await repo.findEvaluation(tx, id))!), created: true };
  });
}
