import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { checkOwnersVote, ownersVoteProblems, type OwnersVoteCount, type VoteOutcome, type VoteView } from '../../../shared/deliberation.ts';
import { problem } from './problem.ts';
import type { VoteRecord } from './vote.repository.ts';

/** The largest area accepted, in m² (well above any compound), so hundredths stay exact integers. */
const MAX_AREA_M2 = 100_000_000;

/**
 * Reads an area in m² with at most two decimals into hundredths, exactly: the decimal text is split, never multiplied as
 * a float. A number is read through its shortest decimal form, so 1234.5 is fine and 0.1 + 0.2 is refused.
 */
export function parseArea(raw: string | number, field: string): { cents: number } | { problem: FieldProblem } {
  const s = (typeof raw === 'number' ? String(raw) : raw).trim().replace(/,/g, '');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return { problem: problem(field, 'AREA_FORMAT', '面积应为平方米数，最多两位小数，如 12345.67', 'An area is in m² with at most two decimals, e.g. 12345.67') };
  const whole = Number(m[1]);
  if (whole > MAX_AREA_M2) return { problem: fieldProblem(field, 'OUT_OF_RANGE', { min: 0, max: MAX_AREA_M2 }) };
  return { cents: whole * 100 + Number((m[2] ?? '').padEnd(2, '0')) };
}

/** Hundredths of m² as a two-decimal string: 123456 → "1234.56". */
export function formatArea(cents: number | null): string | null {
  if (cents === null) return null;
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** An owners' vote as sent: areas as decimal text or numbers, headcounts as integers. */
export interface OwnersVoteInput {
  ownersItem: number;
  totalArea: string | number;
  totalOwners: number;
  participatingArea: string | number;
  participatingOwners: number;
  yesArea: string | number;
  yesOwners: number;
  noArea: string | number;
  noOwners: number;
}

const INCOHERENT: Record<string, { zh: string; en: string }> = {
  totalArea: { zh: '专有部分总面积应大于 0', en: 'The total area must be more than 0' },
  totalOwners: { zh: '业主总人数应大于 0', en: 'The total number of owners must be more than 0' },
  participatingArea: { zh: '参与表决的面积不能大于总面积', en: 'The participating area cannot exceed the total area' },
  participatingOwners: { zh: '参与表决的人数不能大于业主总人数', en: 'The participating owners cannot exceed all owners' },
  yesArea: { zh: '同意与反对的面积之和不能大于参与表决的面积', en: 'Yes and no areas together cannot exceed the participating area' },
  yesOwners: { zh: '同意与反对的人数之和不能大于参与表决的人数', en: 'Yes and no owners together cannot exceed the participating owners' },
};

/**
 * Reads an owners' vote: format problems (400) apart from incoherent counts (a part larger than its whole, 422
 * VOTE_COUNT_INCOHERENT), then the art. 278 outcome from the shared rule.
 */
export function readOwnersVote(v: OwnersVoteInput): { format: FieldProblem[] } | { incoherent: FieldProblem[] } | { count: OwnersVoteCount; outcome: VoteOutcome } {
  const format: FieldProblem[] = [];
  const area = (field: keyof OwnersVoteInput) => {
    const r = parseArea(v[field] as string | number, field);
    if ('problem' in r) { format.push(r.problem); return 0; }
    return r.cents;
  };
  const count: OwnersVoteCount = {
    item: v.ownersItem, totalAreaC: area('totalArea'), totalOwners: v.totalOwners, participatingAreaC: area('participatingArea'),
    participatingOwners: v.participatingOwners, yesAreaC: area('yesArea'), yesOwners: v.yesOwners, noAreaC: area('noArea'), noOwners: v.noOwners,
  };
  if (format.length) return { format };
  const incoherent = ownersVoteProblems(count).map((p) => problem(p.field, p.code, INCOHERENT[p.field].zh, INCOHERENT[p.field].en));
  if (incoherent.length) return { incoherent };
  return { count, outcome: checkOwnersVote(count) };
}

/** A show-of-hands vote: for, against, abstaining, and optionally how many were entitled to vote. */
export interface SimpleVoteInput {
  eligible?: number | null;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/** Problems of a simple vote: the votes cast cannot exceed those entitled, and someone must have voted. */
export function simpleVoteProblems(v: SimpleVoteInput): FieldProblem[] {
  const cast = v.votesFor + v.votesAgainst + v.votesAbstain;
  if (cast === 0) return [problem('votesFor', 'VOTE_COUNT_INCOHERENT', '没有人投票', 'Nobody voted')];
  if (v.eligible != null && cast > v.eligible) {
    return [problem('eligible', 'VOTE_COUNT_INCOHERENT', '投票人数之和不能大于应到人数', 'The votes cast cannot exceed the number entitled to vote')];
  }
  return [];
}

/**
 * A simple vote passes with more than half of the votes cast in favour; when the number entitled is given, at least half
 * of them must have voted (otherwise quorum_not_met). Integer arithmetic only.
 */
export function simpleVoteOutcome(v: SimpleVoteInput): VoteOutcome {
  const cast = v.votesFor + v.votesAgainst + v.votesAbstain;
  if (v.eligible != null && 2 * cast < v.eligible) return 'quorum_not_met';
  return 2 * v.votesFor > cast ? 'passed' : 'rejected';
}

/** A stored vote as the API shows it, areas as two-decimal strings. */
export function voteView(r: VoteRecord): VoteView {
  return {
    id: r.id, meetingId: r.meetingId, matterId: r.matterId, kind: r.kind, ownersItem: r.ownersItem, totalArea: formatArea(r.totalAreaC),
    totalOwners: r.totalOwners, participatingArea: formatArea(r.partAreaC), participatingOwners: r.partOwners, yesArea: formatArea(r.yesAreaC),
    yesOwners: r.yesOwners, noArea: formatArea(r.noAreaC), noOwners: r.noOwners, eligible: r.eligible, votesFor: r.votesFor,
    votesAgainst: r.votesAgainst, votesAbstain: r.votesAbstain, outcome: r.outcome, recordedAt: r.recordedAt,
  };
}

/** A vote as the API takes it: one flat body, the fields needed depending on kind. */
export interface VoteBody {
  id?: string;
  matterId?: string | null;
  kind: 'simple' | 'owners';
  eligible?: number | null;
  votesFor?: number;
  votesAgainst?: number;
  votesAbstain?: number;
  ownersItem?: number;
  totalArea?: string | number;
  totalOwners?: number;
  participatingArea?: string | number;
  participatingOwners?: number;
  yesArea?: string | number;
  yesOwners?: number;
  noArea?: string | number;
  noOwners?: number;
}

const NEEDED = {
  simple: ['votesFor', 'votesAgainst', 'votesAbstain'],
  owners: ['ownersItem', 'totalArea', 'totalOwners', 'participatingArea', 'participatingOwners', 'yesArea', 'yesOwners', 'noArea', 'noOwners'],
} as const;

/** The fields a vote of its kind lacks. */
export function missingVoteFields(b: VoteBody): FieldProblem[] {
  return NEEDED[b.kind].filter((k) => b[k] === undefined || b[k] === null || b[k] === '').map((k) => fieldProblem(k, 'REQUIRED'));
}
