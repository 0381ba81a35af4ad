import type { ErrorCode } from '../../../shared/errors.ts';
import { OUTCOMES, type Outcome } from '../../../shared/incidents.ts';
import type { MethodTemplateBody, RelationRole } from '../../../shared/method-template.ts';

/** Reports of the same 小类 closer than this are flagged as possible duplicates. */
export const DUPLICATE_RADIUS_M = 50;
/** …when reported within this many hours of each other. */
export const DUPLICATE_WINDOW_HOURS = 24;
/**
 * …and of those, at most this many, the latest first. The detail page loads each candidate for the dispatcher to compare
 * and merge into: in a surge (a burst pipe reported by a whole building) the latest few are what they act on.
 */
export const DUPLICATE_CANDIDATES_MAX = 10;

/** The roles a party can hold on an incident. */
export type PartyRole = 'reporter' | 'assignee' | 'verifier';

/** Party ids: a user, an organisation acting as handler, a place whose incident.handle holders act (the community), or a token-holding reporter. */
export const userParty = (id: string) => `user:${id}`;
/** The party id of an organisation. */
export const orgParty = (id: string) => `org:${id}`;
/** The party id of a place (a community handling its own incidents). */
export const pathParty = (path: string) => `path:${path}`;
/** The party id of an anonymous reporter who holds the incident's reporter token. */
export const TOKEN_PARTY = 'token';

const EARTH_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A latitude/longitude box that contains the circle of `metres` around a point (the index-friendly pre-filter). */
export function boundingBox(lat: number, lng: number, metres: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = (metres / EARTH_M) * (180 / Math.PI);
  const dLng = dLat / Math.max(Math.cos(rad(lat)), 1e-6);
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/** Of recent reports of the same 小类 (latest first), those in the same compound or within the radius: the possible duplicates. */
export function pickDuplicates(
  target: { compoundId: string | null; lat: number | null; lng: number | null },
  rows: readonly { id: string; compoundId: string | null; lat: number | null; lng: number | null }[],
  radius = DUPLICATE_RADIUS_M,
): string[] {
  return rows.filter((r) => {
    if (target.compoundId && r.compoundId === target.compoundId) return true;
    if (target.lat === null || target.lng === null || r.lat === null || r.lng === null) return false;
    return distanceMetres({ lat: target.lat, lng: target.lng }, { lat: r.lat, lng: r.lng }) <= radius;
  }).slice(0, DUPLICATE_CANDIDATES_MAX).map((r) => r.id);
}

/**
 * The relation roles the caller holds on one incident: reporter, assignee and verifier by the parties recorded on it
 * (the caller's user id, the organisations they act for, the places where they may handle), dispatcher by holding
 * incident.dispatch over its place.
 */
export function heldRoles(parties: readonly { role: string; partyId: string }[], actorParties: ReadonlySet<string>, canDispatch: boolean): RelationRole[] {
  const out = new Set<RelationRole>();
  for (const p of parties) if (actorParties.has(p.partyId) && (p.role === 'reporter' || p.role === 'assignee' || p.role === 'verifier')) out.add(p.role);
  if (canDispatch) out.add('dispatcher');
  return [...out];
}

/** The stages whose work waits for a role (the template's stage owners): what that role's task list shows. */
export function stagesOwnedBy(t: MethodTemplateBody, role: string): string[] {
  return t.stages.filter((s) => !s.terminal && s.owner === role).map((s) => s.key);
}

/** The part of an incident the guards look at. */
export interface GuardState {
  stage: string;
  sourceChannel: string;
  needsConfirmation: boolean;
  stageDueAt: string | null;
}

/** An instant as China time for messages: 2026-10-01 17:30. */
export function cstLabel(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Rules of the loop the template cannot say: only patrol reports are solved on the spot; a resident's or the hotline's
 * report passes through the reporter's confirmation (and a staff report does not); the verifier closes a case awaiting
 * confirmation only once the period is over, and the reporter answers only within it.
 */
export function guard(event: string, s: GuardState, now: Date): { code: ErrorCode; params: Record<string, string> } | null {
  // Without a time limit on the confirmation stage, neither side waits for the other.
  const timed = s.stageDueAt !== null;
  const periodOver = timed && now.toISOString() >= s.stageDueAt!;
  const until = s.stageDueAt ? cstLabel(s.stageDueAt) : '';
  if (event === 'self_handle' && s.sourceChannel !== 'patrol') return { code: 'INCIDENT_SELF_HANDLE_NOT_ALLOWED', params: {} };
  if (event === 'pass' && !s.needsConfirmation) return { code: 'INCIDENT_CONFIRMATION_NOT_NEEDED', params: {} };
  if (event === 'close' && s.stage === 'verifying' && s.needsConfirmation) return { code: 'INCIDENT_CONFIRMATION_REQUIRED', params: {} };
  if (event === 'close' && s.stage === 'confirming' && timed && !periodOver) return { code: 'INCIDENT_CONFIRMATION_PENDING', params: { until } };
  if ((event === 'confirm' || event === 'reopen') && s.stage === 'confirming' && periodOver) return { code: 'INCIDENT_CONFIRMATION_OVER', params: { until } };
  return null;
}

/** The incident columns an event changes. */
export interface IncidentPatch {
  stage: string;
  stageDueAt: string | null;
  outcome?: Outcome | null;
  acceptedAt?: string;
  registeredAt?: string;
  firstDispatchedAt?: string;
  dispatchedAt?: string;
  signedAt?: string;
  feedbackAt?: string;
  verifiedAt?: string;
  confirmedAt?: string;
  closedAt?: string;
  endedAt?: string;
  suspendedAt?: string | null;
  pendingUntil?: string | null;
  satisfaction?: number;
  reworkCount: number;
  returnCount: number;
  extensionCount: number;
  feedbackCount: number;
}

/** The outcome a terminal stage records (a report solved on the spot ends in 'closed' but is recorded as such). */
export function outcomeOf(stage: string, event: string): Outcome | null {
  if (stage === 'closed' && event === 'self_handle') return 'self_handled';
  return (OUTCOMES as readonly string[]).includes(stage) ? (stage as Outcome) : null;
}

/**
 * What one fired event writes onto the incident: its new stage and step due time, the counters, and the raw timestamp
 * of the step (the KPIs are computed from these). Deadline and handler changes are the service's (they need data).
 */
export function patchAfter(
  event: string, at: string, firstDispatchedAt: string | null,
  moved: { stage: string; dueAt: string | null; terminal: boolean; counters: Record<string, number> },
  input: Record<string, unknown>,
): IncidentPatch {
  const c = moved.counters;
  const p: IncidentPatch = {
    stage: moved.stage, stageDueAt: moved.dueAt,
    reworkCount: c.rework ?? 0, returnCount: c.return ?? 0, extensionCount: c.extension ?? 0, feedbackCount: c.feedback ?? 0,
  };
  switch (event) {
    case 'accept': p.acceptedAt = at; break;
    case 'register': p.registeredAt = at; break;
    case 'dispatch': p.dispatchedAt = at; if (!firstDispatchedAt) p.firstDispatchedAt = at; break;
    case 'fail': p.verifiedAt = at; break;
    case 'reopen': break;
    case 'sign': p.signedAt = at; break;
    case 'feedback': p.feedbackAt = at; break;
    case 'pass': p.verifiedAt = at; break;
    case 'confirm': p.confirmedAt = at; if (typeof input.satisfaction === 'number') p.satisfaction = input.satisfaction; break;
    case 'request_extension': p.pendingUntil = String(input.until); break;
    case 'approve_extension': case 'deny_extension': p.pendingUntil = null; break;
    case 'approve_suspension': p.suspendedAt = at; break;
    case 'resume': p.suspendedAt = null; break;
    case 'close': p.verifiedAt = at; break;
  }
  if (moved.terminal) {
    p.outcome = outcomeOf(moved.stage, event);
    p.endedAt = at;
    if (p.outcome === 'closed' || p.outcome === 'closed_unfixed' || p.outcome === 'self_handled') p.closedAt = at;
    p.suspendedAt = null;
  }
  return p;
}

/** The instant a China date ends (the next day's 00:00 CST): the due time of a "by this date" answer. */
export function endOfCstDate(date: string): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + 16 * 3600_000).toISOString();
}

/** The China date of an instant. */
export function cstDateOf(t: Date): string {
  return new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The China-time day an incident's case number starts with (20261127): also the key of that day's counter. */
export function caseDay(t: Date): string {
  return cstDateOf(t).replace(/-/g, '');
}

/** An incident's case number: its report day and its place among that day's reports (2026112700012). */
export function caseNumber(day: string, n: number): string {
  return day + String(n).padStart(5, '0');
}
