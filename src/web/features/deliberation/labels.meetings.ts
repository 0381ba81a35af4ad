// Labels of the opinion and meeting code lists (categories, kinds and forms are in labels.ts) and the small pure helpers of
// the opinion, meeting, pool and report screens: decimal areas, the live art. 278 check, ISO weeks, 1+5+N coverage.
import {
  checkOwnersVote, FIVE_SLOTS, isSpecialItem, N_KINDS, ONE_KIND,
  type MeetingPurpose, type MeetingStatus, type MemberKind, type OpinionChannel, type OpinionStatus, type OwnersVoteCount,
  type VoteOutcome,
} from '../../../shared/deliberation.ts';
import type { T } from '../../i18n/index.tsx';
import { memberKindLabel } from './labels.ts';

/** The label of an opinion channel (走访, 电话…). */
export const channelLabel = (t: T, c: OpinionChannel) => t(`opinions.channel.${c}`);
/** The label of an opinion state. */
export const opinionStatusLabel = (t: T, s: OpinionStatus) => t(`opinions.status.${s}`);
/** The label of a meeting purpose. */
export const purposeLabel = (t: T, p: MeetingPurpose) => t(`meetings.purpose.${p}`);
/** The label of a meeting state. */
export const meetingStatusLabel = (t: T, s: MeetingStatus) => t(`meetings.status.${s}`);
/** The label of a vote outcome. */
export const outcomeLabel = (t: T, o: VoteOutcome) => t(`meetings.outcome.${o}`);
/** Kinds a walk-in may have besides the pool kinds: a resident, a guest. */
export const WALK_IN_EXTRA_KINDS = ['resident', 'guest'] as const;
/** The label of an attendee's kind: a pool kind (labels.ts) or a walk-in's resident / guest. */
export const attendeeKindLabel = (t: T, k: string) => ((WALK_IN_EXTRA_KINDS as readonly string[]).includes(k) ? t(`meetings.walkInKind.${k as 'resident' | 'guest'}`) : memberKindLabel(t, k));
/** Tag colour of a meeting state. */
export const MEETING_STATUS_COLOR: Record<MeetingStatus, string> = { planned: 'blue', held: 'green', cancelled: 'default' };
/** Tag colour of a vote outcome. */
export const OUTCOME_COLOR: Record<VoteOutcome, string> = { passed: 'green', rejected: 'red', quorum_not_met: 'orange' };

/** The 1+5+N group of a kind. */
export function groupOf(kind: string): 'one' | 'five' | 'n' {
  if (kind === ONE_KIND) return 'one';
  return (N_KINDS as readonly string[]).includes(kind) ? 'n' : 'five';
}

/** The kinds in their 1, 5, N groups, for grouped selects and lists. */
export const KIND_GROUPS: { group: 'one' | 'five' | 'n'; kinds: MemberKind[] }[] = [
  { group: 'one', kinds: [ONE_KIND] },
  { group: 'five', kinds: FIVE_SLOTS.flatMap((s) => [...s.kinds]) },
  { group: 'n', kinds: [...N_KINDS] },
];

/** Which parts of 1+5+N the active members of a pool fill: the 1, each of the five slots, and how many N there are. */
export function coverageOf(members: readonly { kind: string; active: boolean }[]): { one: boolean; slots: { slot: string; filled: boolean }[]; n: number; complete: boolean } {
  const active = new Set(members.filter((m) => m.active).map((m) => m.kind));
  const one = active.has(ONE_KIND);
  const slots = FIVE_SLOTS.map((s) => ({ slot: s.slot, filled: s.kinds.some((k) => active.has(k)) }));
  const n = members.filter((m) => m.active && groupOf(m.kind) === 'n').length;
  return { one, slots, n, complete: one && slots.every((s) => s.filled) };
}

/**
 * An area in m² typed as text or a number, as integer hundredths of a m² (exact, no floating point); null when it is not
 * a non-negative number with at most two decimals.
 */
export function centiOf(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Hundredths of a m² back as a decimal string with two places. */
export function areaOfCenti(c: number): string {
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
}

/** Each condition of the art. 278 rule and the outcome, for showing live while the counts are typed. */
export interface OwnersVoteChecks {
  special: boolean;
  quorumArea: boolean;
  quorumOwners: boolean;
  majorityArea: boolean;
  majorityOwners: boolean;
  outcome: VoteOutcome;
}

/**
 * The conditions behind checkOwnersVote (the shared rule decides the outcome; the conditions say which part is missing):
 * two thirds of area and owners take part; yes beats one half (or reaches three quarters for items 6–8) of the participating
 * area and owners.
 */
export function ownersVoteChecks(v: OwnersVoteCount): OwnersVoteChecks {
  const special = isSpecialItem(v.item);
  const majority = (yes: number, of: number) => (special ? 4 * yes >= 3 * of : 2 * yes > of);
  return {
    special,
    quorumArea: 3 * v.participatingAreaC >= 2 * v.totalAreaC,
    quorumOwners: 3 * v.participatingOwners >= 2 * v.totalOwners,
    majorityArea: majority(v.yesAreaC, v.participatingAreaC),
    majorityOwners: majority(v.yesOwners, v.participatingOwners),
    outcome: checkOwnersVote(v),
  };
}

/** The ISO week of a calendar date (YYYY-MM-DD) as the weekly report takes it: 2026-W48. */
export function isoWeekOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  const dow = day.getUTCDay() || 7;
  // The Thursday of the same week decides the ISO year.
  day.setUTCDate(day.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The Monday (YYYY-MM-DD) of the week a date falls in. */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() || 7) - 1));
  return day.toISOString().slice(0, 10);
}
