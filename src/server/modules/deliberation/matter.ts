import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import {
  checkOwnersVote, isSpecialItem, MATTER_CATEGORIES, MATTER_SOURCES,
  type BulletinItem, type EvaluatorKind, type MatterCategory, type OwnersVoteCount,
} from '../../../shared/deliberation.ts';
import { isIsoDate, type I18nName, type InputDef } from '../../../shared/method-template.ts';
import { maskIdNumber, maskName, maskPhone } from '../../../shared/mask.ts';
import type { ErrorCode } from '../../../shared/errors.ts';

// Matters (议题): the pure rules. A matter is run by a method instance; this file decides what its fired events change on
// the matter, whether an art. 278 decision may stand, and what the public bulletin may show.

/** Longest title and description a matter takes. */
export const TITLE_MAX = 200;
/** Longest description. */
export const DESCRIPTION_MAX = 5000;

/** The fields a matter is created or patched with (ids already resolved to strings). */
export interface MatterFields {
  title?: string;
  description?: string | null;
  category?: string;
  source?: string;
  deadline?: string | null;
  jointDecisionItem?: number | null;
}

/** Checks a new matter's own fields; references (compound, organisations, users, opinions) are the service's. */
export function checkNewMatter(f: MatterFields): FieldProblem[] {
  const out = checkMatterPatch(f);
  if (f.title === undefined) out.push(fieldProblem('title', 'REQUIRED'));
  if (f.category === undefined) out.push(fieldProblem('category', 'REQUIRED'));
  if (f.source === undefined) out.push(fieldProblem('source', 'REQUIRED'));
  return out;
}

/** Checks the fields a patch gives; absent fields are left alone. */
export function checkMatterPatch(f: MatterFields): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (f.title !== undefined) {
    const t = f.title.trim();
    if (t.length < 2) out.push(fieldProblem('title', 'REQUIRED'));
    else if (t.length > TITLE_MAX) out.push(fieldProblem('title', 'TOO_LONG', { max: TITLE_MAX }));
  }
  if (f.description != null && f.description.length > DESCRIPTION_MAX) out.push(fieldProblem('description', 'TOO_LONG', { max: DESCRIPTION_MAX }));
  if (f.category !== undefined && !(MATTER_CATEGORIES as readonly string[]).includes(f.category)) {
    out.push(fieldProblem('category', 'NOT_IN_LIST', { allowed: MATTER_CATEGORIES.join(', ') }));
  }
  if (f.source !== undefined && !(MATTER_SOURCES as readonly string[]).includes(f.source)) {
    out.push(fieldProblem('source', 'NOT_IN_LIST', { allowed: MATTER_SOURCES.join(', ') }));
  }
  if (f.deadline != null && !isIsoDate(f.deadline)) out.push(fieldProblem('deadline', 'NOT_A_DATE'));
  if (f.jointDecisionItem != null && !(Number.isInteger(f.jointDecisionItem) && f.jointDecisionItem >= 1 && f.jointDecisionItem <= 9)) {
    out.push(fieldProblem('jointDecisionItem', 'OUT_OF_RANGE', { min: 1, max: 9 }));
  }
  return out;
}

/** What a fired event changes on its matter, read from the kinds of the transition's inputs. */
export interface EventEffects {
  /** Text of the first decision_text input given. */
  decision: string | null;
  /** A decision to go ahead (the event leads to a stage that is not terminal): sets decided_at and is gated by art. 278. */
  decides: boolean;
  /** The first satisfaction score given. */
  satisfaction: number | null;
  /** Text of an input named result or completion (what was done). */
  result: string | null;
  /** Another text input given with a score (the evaluator's opinion). */
  comment: string | null;
  /** The event ends the method. */
  closes: boolean;
}

/**
 * The side-effect plan of one fired event: decision_text → the matter's decision (a decision into a terminal stage is a
 * decision not to proceed, so it is recorded but does not count as decided); satisfaction → an evaluation; text inputs
 * named result or completion → the matter's result; a terminal target → closed.
 */
export function eventEffects(inputs: readonly InputDef[], values: Record<string, unknown>, toTerminal: boolean): EventEffects {
  let decision: string | null = null;
  let satisfaction: number | null = null;
  let result: string | null = null;
  let comment: string | null = null;
  for (const def of inputs) {
    const v = values[def.key];
    if (v === undefined || v === null) continue;
    if (def.kind === 'decision_text' && decision === null && typeof v === 'string') decision = v.trim();
    if (def.kind === 'satisfaction' && satisfaction === null && typeof v === 'number') satisfaction = v;
    if (def.kind !== 'text' || typeof v !== 'string') continue;
    if (def.key === 'result' || def.key === 'completion') result ??= v.trim();
    else comment ??= v.trim();
  }
  return { decision, decides: decision !== null && !toTerminal, satisfaction, result, comment: satisfaction === null ? null : comment, closes: toTerminal };
}

/** Whether any transition input would decide; used to run the art. 278 gate only where it matters. */
export function hasDecisionInput(inputs: readonly InputDef[]): boolean {
  return inputs.some((i) => i.kind === 'decision_text');
}

/** How a closed matter ended: resolved when it had been decided, otherwise not taken up. */
export function outcomeOf(decidedAt: string | null): 'resolved' | 'not_taken_up' {
  return decidedAt ? 'resolved' : 'not_taken_up';
}

/**
 * Who an event-borne evaluation speaks for, from the relation roles the actor holds: the supervisor stands for the
 * supervisory board, a participant for the participants; anyone else (a talk leader, a community worker) records the
 * residents' verdict.
 */
export function evaluatorKindOf(relations: readonly string[]): EvaluatorKind {
  if (relations.includes('supervisor')) return 'supervisory_board';
  if (relations.includes('participant')) return 'participant';
  return 'resident';
}

/** The latest owners' vote as the gate reads it: its counts when stored, and the outcome recorded with it. */
export interface GateVote {
  outcome: 'passed' | 'rejected' | 'quorum_not_met';
  counts: Omit<OwnersVoteCount, 'item'> | null;
}

/**
 * The 民法典 art. 278 gate on a decision: a joint-decision matter needs an owners' vote that met the double two-thirds
 * quorum and passed. The counts are re-checked under the matter's own item, so a vote recorded under a laxer item
 * cannot carry a three-quarters matter.
 */
export function ownersGate(item: number | null, vote: GateVote | null): { code: ErrorCode; params: Record<string, string | number> } | null {
  if (item === null) return null;
  if (!vote) return { code: 'OWNERS_VOTE_REQUIRED', params: { item } };
  const outcome = vote.counts ? checkOwnersVote({ item, ...vote.counts }) : vote.outcome;
  if (outcome === 'quorum_not_met') return { code: 'OWNERS_QUORUM_NOT_MET', params: { item } };
  if (outcome === 'rejected') {
    const special = isSpecialItem(item);
    return { code: 'OWNERS_VOTE_REJECTED', params: { item, majority: special ? '四分之三以上' : '过半数', majorityEn: special ? 'three quarters' : 'more than half' } };
  }
  return null;
}

/** Average satisfaction to one decimal, or null before the first rating. */
export function satisfactionOf(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 10) / 10 : null;
}

/** The matter facts the rating rules read. */
export interface RateableFacts {
  decidedAt: string | null;
  result: string | null;
  closedAt: string | null;
  outcome: string | null;
}

/** Residents may rate a matter once it was decided and its result reported (or it closed as resolved). */
export function rateable(m: RateableFacts): boolean {
  return m.decidedAt !== null && m.outcome !== 'not_taken_up' && (m.result !== null || m.closedAt !== null);
}

/** Staff may record an evaluation once the matter was decided. */
export function evaluable(m: RateableFacts): boolean {
  return m.decidedAt !== null;
}

const FULLWIDTH_DIGIT = /[０-９]/g;
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const LONG_DIGITS = /(?<!\d)\d{11,}(?!\d)/g;
const MOBILE_SPACED = /(?<!\d)1[3-9]\d[\s-]\d{4}[\s-]?\d{4}(?!\d)|(?<!\d)1[3-9]\d{5}[\s-]\d{4}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}[\s-－—]\d{7,8}(?!\d)|(?<!\d)0\d{9,10}(?!\d)/g;

function maskDigits(s: string): string {
  const digits = s.replace(/\D/g, '');
  return maskPhone(digits);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Masks personal data in free text for public display: 18-character ID numbers, mobile numbers (also written with spaces
 * or dashes), landlines with an area code, any other run of 11 or more digits, and the given people's names (each
 * occurrence replaced by its mask). Full-width digits are read as digits.
 */
export function scrubText(text: string, names: readonly string[] = []): string {
  let s = text.replace(FULLWIDTH_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  s = s.replace(ID_NUMBER, (m) => maskIdNumber(m));
  s = s.replace(MOBILE_SPACED, maskDigits);
  s = s.replace(LANDLINE, maskDigits);
  s = s.replace(LONG_DIGITS, maskDigits);
  const known = [...new Set(names.map((n) => n.trim()).filter((n) => [...n].length >= 2))].sort((a, b) => b.length - a.length);
  if (known.length) s = s.replace(new RegExp(known.map(escapeRe).join('|'), 'g'), (m) => maskName(m));
  return s;
}

/** A decided matter as the bulletin projection reads it. */
export interface BulletinSource {
  id: string;
  title: string;
  category: MatterCategory;
  decidedAt: string;
  decision: string | null;
  executorOrgName: string | null;
  deadline: string | null;
  result: string | null;
  closedAt: string | null;
  outcome: string | null;
  satisfactionSum: number;
  satisfactionCount: number;
}

/** Projects a decided matter onto the public bulletin: no personal data, every free text scrubbed. */
export function bulletinItem(m: BulletinSource, names: { methodName: I18nName; stageName: I18nName }, people: readonly string[]): BulletinItem {
  const clean = (t: string | null) => (t === null ? null : scrubText(t, people));
  return {
    id: m.id, title: clean(m.title)!, category: m.category, methodName: names.methodName, stageName: names.stageName, decidedAt: m.decidedAt,
    decision: clean(m.decision) ?? '', executor: clean(m.executorOrgName), deadline: m.deadline, result: clean(m.result), closedAt: m.closedAt,
    satisfaction: satisfactionOf(m.satisfactionSum, m.satisfactionCount), satisfactionCount: m.satisfactionCount,
    rateable: rateable({ decidedAt: m.decidedAt, result: m.result, closedAt: m.closedAt, outcome: m.outcome }),
  };
}
