import { DEFAULT_THRESHOLDS, escalationProblem, LADDER_LEVELS, THRESHOLD_LEVELS, type LadderLevel, type ThresholdLevel } from '../../../shared/escalation.ts';
import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { DEADLINE_UNITS, type Deadline, type DeadlineUnit } from '../../../shared/method-template.ts';
import { addNaturalDays, addNaturalHours, addWorkingDays, addWorkingHours, type WorkCalendar } from '../methods/index.ts';

/** A place on an incident's ladder with the scope path its joint meeting and dispatchers work under. */
export interface LadderPlace {
  level: LadderLevel;
  id: string;
  name: string;
  scopePath: string;
}

/** The levels of the region tree that are rungs of the ladder (cities and provinces are above it). */
const REGION_RUNGS: Record<string, LadderLevel> = { community: 'community', street: 'street', county: 'county' };

/** The ladder position of a level, 0 = compound. */
export function rankOf(level: LadderLevel): number {
  return LADDER_LEVELS.indexOf(level);
}

/** A path and every ancestor path, shortest first: '/a/b/' → ['/a/', '/a/b/']. */
export function pathsUpTo(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => '/' + parts.slice(0, i + 1).join('/') + '/');
}

/**
 * An incident's ladder from the bottom up: its compound (when it lies in one), then the community, street and county
 * among the regions above it. A tree without some rung (a county with communities straight under it) skips it.
 */
export function chainFrom(regions: readonly { id: string; name: string; level: string; scopePath: string }[], compound: { id: string; name: string; scopePath: string } | null): LadderPlace[] {
  const out: LadderPlace[] = compound ? [{ level: 'compound', ...compound }] : [];
  for (const level of ['community', 'street', 'county'] as const) {
    const r = regions.filter((x) => REGION_RUNGS[x.level] === level).sort((a, b) => b.scopePath.length - a.scopePath.length)[0];
    if (r) out.push({ level, id: r.id, name: r.name, scopePath: r.scopePath });
  }
  return out;
}

/** The place of a level on a chain, or null. */
export function placeAt(chain: readonly LadderPlace[], level: LadderLevel): LadderPlace | null {
  return chain.find((p) => p.level === level) ?? null;
}

/** The rung above a level on a chain, or null at the top. */
export function nextPlace(chain: readonly LadderPlace[], level: LadderLevel): LadderPlace | null {
  return chain.find((p) => rankOf(p.level) > rankOf(level)) ?? null;
}

/** A stored threshold row. */
export interface ThresholdRow {
  scopePath: string;
  level: string;
  amount: number;
  unit: string;
}

/** A threshold in force, with where it is defined ('default' when no row applies). */
export type Threshold = Deadline & { definedAt: string };

/** The thresholds in force at a place: per level, the row of the deepest place on its path, else the default. */
export function thresholdsAt(rows: readonly ThresholdRow[], scopePath: string): Record<ThresholdLevel, Threshold> {
  const out = Object.fromEntries(THRESHOLD_LEVELS.map((l) => [l, { ...DEFAULT_THRESHOLDS[l], definedAt: 'default' }])) as Record<ThresholdLevel, Threshold>;
  const applying = rows.filter((r) => scopePath.startsWith(r.scopePath) && (THRESHOLD_LEVELS as readonly string[]).includes(r.level) && (DEADLINE_UNITS as readonly string[]).includes(r.unit))
    .sort((a, b) => a.scopePath.length - b.scopePath.length);
  for (const r of applying) out[r.level as ThresholdLevel] = { amount: r.amount, unit: r.unit as DeadlineUnit, definedAt: r.scopePath };
  return out;
}

/**
 * When an incident past its deadline has been overdue beyond a threshold. Working days are whole working days after the
 * day the deadline falls in (a deadline at midnight belongs to the day before it): due at 10-01 00:00 with 2 working days
 * over the National Day holiday passes the threshold at the end of 10-09, not 10-02.
 */
export function thresholdPassedAt(deadline: Date, t: Deadline, cal: WorkCalendar): Date {
  switch (t.unit) {
    case 'working_days': return addWorkingDays(new Date(deadline.getTime() - 1), t.amount, cal);
    case 'working_hours': return addWorkingHours(deadline, t.amount, cal);
    case 'natural_days': return addNaturalDays(deadline, t.amount);
    case 'natural_hours': return addNaturalHours(deadline, t.amount);
  }
}

/** One automatic rise the rule calls for. */
export interface DueRise {
  place: LadderPlace;
  /** When the level's threshold was passed. */
  dueAt: Date;
}

/**
 * The automatic rule: the rungs above the incident's current level whose overdue threshold has passed at `now`, lowest
 * first (an incident left overdue long enough climbs several rungs in one run, each recorded). Nothing rises without a
 * deadline (not registered yet) or once the incident ended or is suspended; the caller filters those out.
 */
export function overdueRises(chain: readonly LadderPlace[], current: LadderLevel, deadlineAt: string | null, now: Date, thresholds: Record<ThresholdLevel, Deadline>, cal: WorkCalendar): DueRise[] {
  if (!deadlineAt) return [];
  const deadline = new Date(deadlineAt);
  if (deadline >= now) return [];
  const out: DueRise[] = [];
  for (const place of chain) {
    if (rankOf(place.level) <= rankOf(current) || place.level === 'compound') continue;
    const dueAt = thresholdPassedAt(deadline, thresholds[place.level as ThresholdLevel], cal);
    if (dueAt > now) break;
    out.push({ place, dueAt });
  }
  return out;
}

/** The smallest natural time any threshold can take: incidents overdue for less than this need no look. */
export function shortestThresholdMs(rows: readonly ThresholdRow[]): number {
  const all: Deadline[] = [...Object.values(DEFAULT_THRESHOLDS), ...rows.map((r) => ({ amount: r.amount, unit: r.unit as DeadlineUnit }))];
  // A working day or hour lasts at least as long as a natural one once counted from the deadline's own day.
  return Math.min(...all.map((t) => t.amount * (t.unit.endsWith('days') ? 86_400_000 : 3_600_000)));
}

/** A rough natural length of a threshold, to compare levels whatever their units. */
function roughHours(t: Deadline): number {
  switch (t.unit) {
    case 'working_days': return t.amount * 24 * 7 / 5;
    case 'natural_days': return t.amount * 24;
    case 'working_hours': return t.amount * 24 * 7 / 5 / 7;
    case 'natural_hours': return t.amount;
  }
}

/** Checks a set of thresholds: known levels once each, amounts 1–365, known units, and no higher level shorter than a lower one. */
export function checkThresholds(levels: readonly { level: string; amount: number; unit: string }[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  levels.forEach((l, i) => {
    if (!(THRESHOLD_LEVELS as readonly string[]).includes(l.level)) out.push(fieldProblem(`levels.${i}.level`, 'NOT_IN_LIST', { allowed: THRESHOLD_LEVELS.join(', ') }));
    else if (seen.has(l.level)) out.push(fieldProblem(`levels.${i}.level`, 'DUPLICATE_VALUE', { value: l.level }));
    seen.add(l.level);
    if (!Number.isInteger(l.amount) || l.amount < 1 || l.amount > 365) out.push(fieldProblem(`levels.${i}.amount`, 'OUT_OF_RANGE', { min: 1, max: 365 }));
    if (!(DEADLINE_UNITS as readonly string[]).includes(l.unit)) out.push(fieldProblem(`levels.${i}.unit`, 'NOT_IN_LIST', { allowed: DEADLINE_UNITS.join(', ') }));
  });
  if (out.length) return out;
  const by = new Map(levels.map((l, i) => [l.level, { i, t: { amount: l.amount, unit: l.unit as DeadlineUnit } }]));
  for (let k = 1; k < THRESHOLD_LEVELS.length; k++) {
    const lower = by.get(THRESHOLD_LEVELS[k - 1]);
    const upper = by.get(THRESHOLD_LEVELS[k]);
    if (lower && upper && roughHours(upper.t) < roughHours(lower.t)) {
      out.push(escalationProblem(`levels.${upper.i}.amount`, 'THRESHOLD_ORDER', { lower: THRESHOLD_LEVELS[k - 1], upper: THRESHOLD_LEVELS[k] }));
    }
  }
  return out;
}

/** A reason must say something: at least 4 characters once trimmed. */
export function reasonProblem(field: string, text: string | null | undefined): FieldProblem | null {
  return (text ?? '').trim().length < 4 ? escalationProblem(field, 'REASON_TOO_SHORT') : null;
}
