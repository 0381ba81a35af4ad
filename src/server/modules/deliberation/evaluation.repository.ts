import type { Db } from '../../db/database.ts';
import type { EvaluationView, EvaluatorKind } from '../../../shared/deliberation.ts';

/** A stored evaluation. */
export interface EvaluationRecord extends EvaluationView {
  matterId: string;
  scopePath: string;
}

type Row = { id: string; matter_id: string; scope_path: string; by_kind: string; source: string; satisfaction: number; comment: string | null; at: string };

function toEvaluation(r: Row): EvaluationRecord {
  return {
    id: r.id, matterId: r.matter_id, scopePath: r.scope_path, byKind: r.by_kind as EvaluatorKind, source: r.source as EvaluationView['source'],
    satisfaction: Number(r.satisfaction), comment: r.comment, at: r.at,
  };
}

const COLS = ['id', 'matter_id', 'scope_path', 'by_kind', 'source', 'satisfaction', 'comment', 'at'] as const;

/** One evaluation by id (no scope: callers compare the matter). */
export async function findEvaluation(db: Db, id: string): Promise<EvaluationRecord | null> {
  const r = await db.selectFrom('evaluation').select(COLS).where('id', '=', id).executeTakeFirst();
  return r ? toEvaluation(r) : null;
}

/** A matter's evaluations, oldest first. */
export async function evaluationsOf(db: Db, matterId: string): Promise<EvaluationRecord[]> {
  const rows = await db.selectFrom('evaluation').select(COLS).where('matter_id', '=', matterId).orderBy('at').orderBy('id').execute();
  return rows.map(toEvaluation);
}

/** A new evaluation's columns. */
export interface EvaluationInsert {
  id: string; matterId: string; scopePath: string; byKind: EvaluatorKind; source: EvaluationView['source']; satisfaction: number;
  comment: string | null; byUser: string | null; ipHash: string | null; at: string;
}

/** Inserts an evaluation. */
export async function insertEvaluation(db: Db, e: EvaluationInsert): Promise<void> {
  await db.insertInto('evaluation').values({
    id: e.id, matter_id: e.matterId, scope_path: e.scopePath, by_kind: e.byKind, source: e.source, satisfaction: e.satisfaction,
    comment: e.comment, by_user: e.byUser, ip_hash: e.ipHash, at: e.at,
  }).execute();
}

/** Public ratings a network gave a matter since an instant. */
export async function ratingsFromNetwork(db: Db, matterId: string, ipHash: string, since: string): Promise<number> {
  const r = await db.selectFrom('evaluation').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip_hash', '=', ipHash).where('matter_id', '=', matterId).where('at', '>=', since).executeTakeFirstOrThrow();
  return Number(r.n);
}
