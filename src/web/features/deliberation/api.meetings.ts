// API calls of the opinion, meeting, member-pool and report screens (contract: notes/deliberation-api.md; view types from
// src/shared/deliberation.ts). The matters screens have their own api.ts.
import { api, type Page } from '../../api/client.ts';
import type {
  MatterCategory, MeetingForm, MeetingPurpose, MeetingView, MemberKind, Named, OpinionChannel, OpinionView, ParticipantView,
  PoolMemberView, VoteView,
} from '../../../shared/deliberation.ts';

const enc = encodeURIComponent;

/** Filters of GET /api/opinions. */
export interface OpinionFilter {
  regionId?: string;
  compoundId?: string;
  status?: string;
  channel?: string;
  category?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** One page of opinions (names and phones masked). */
export function listOpinions(filter: OpinionFilter, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<OpinionView>> {
  return api.get<Page<OpinionView>>('/api/opinions', { ...filter, page, pageSize }, { signal });
}

/** The fields of a staff (proxy) opinion entry. */
export interface OpinionInput {
  compoundId: string;
  content: string;
  category: MatterCategory;
  channel: OpinionChannel;
  residentName?: string | null;
  phone?: string | null;
  receivedAt?: string | null;
}

/** Enters an opinion on behalf of a resident; the same id retried returns the first result. */
export function createOpinion(id: string, input: OpinionInput): Promise<OpinionView> {
  return api.post<OpinionView>('/api/opinions', { id, ...input });
}

/** One opinion (masked), e.g. its current version after a 409 STALE. */
export function getOpinion(id: string): Promise<OpinionView> {
  return api.get<OpinionView>(`/api/opinions/${enc(id)}`);
}

/** Answers an opinion (compare-and-set on version). */
export function answerOpinion(id: string, answer: string, version: number): Promise<OpinionView> {
  return api.post<OpinionView>(`/api/opinions/${enc(id)}/answer`, { answer, version });
}

/** The submitter's name and phone in plain text, audited with the reason; to be shown, never kept. */
export function revealOpinion(id: string, reason: string): Promise<{ name: string | null; phone: string | null }> {
  return api.post(`/api/opinions/${enc(id)}/reveal`, { reason });
}

/** Filters of GET /api/meetings. */
export interface MeetingFilter {
  regionId?: string;
  compoundId?: string;
  matterId?: string;
  purpose?: string;
  form?: string;
  status?: string;
  from?: string;
  to?: string;
}

/** One page of meetings. */
export function listMeetings(filter: MeetingFilter, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<MeetingView>> {
  return api.get<Page<MeetingView>>('/api/meetings', { ...filter, page, pageSize }, { signal });
}

/** One meeting with attendees and votes (404 when outside the caller's places). */
export function getMeeting(id: string): Promise<MeetingView> {
  return api.get<MeetingView>(`/api/meetings/${enc(id)}`);
}

/** The fields of a new meeting. */
export interface MeetingInput {
  compoundId: string;
  matterId?: string | null;
  purpose: MeetingPurpose;
  form: MeetingForm;
  title: string;
  startsAt: string;
  place?: string | null;
  invitedMemberIds?: string[];
}

/** Schedules a meeting; the same id retried returns the first result. */
export function createMeeting(id: string, input: MeetingInput): Promise<MeetingView> {
  return api.post<MeetingView>('/api/meetings', { id, ...input });
}

/** What a meeting edit may change. */
export interface MeetingPatch {
  title?: string;
  form?: MeetingForm;
  startsAt?: string;
  place?: string | null;
  minutes?: string | null;
  decisions?: string | null;
  invitedMemberIds?: string[];
}

/** Changes a meeting (compare-and-set on version). */
export function updateMeeting(id: string, version: number, patch: MeetingPatch): Promise<MeetingView> {
  return api.patch<MeetingView>(`/api/meetings/${enc(id)}`, { version, ...patch });
}

/** Signs in an invited or pool member, or a walk-in by name and kind (a member kind, 'resident' or 'guest'); idempotent per member. */
export function signIn(meetingId: string, who: { memberId: string } | { name: string; kind: string }): Promise<MeetingView> {
  return api.post<MeetingView>(`/api/meetings/${enc(meetingId)}/sign-in`, { ...who, method: 'staff' });
}

/** Marks a meeting held (needs a signed-in attendee and minutes). */
export function markHeld(meetingId: string, version: number): Promise<MeetingView> {
  return api.post<MeetingView>(`/api/meetings/${enc(meetingId)}/held`, { version });
}

/** A simple show-of-hands vote. */
export interface SimpleVoteInput {
  kind: 'simple';
  matterId?: string | null;
  eligible?: number | null;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/** An owners' vote under 民法典 art. 278; areas in m² as decimal strings with at most two places. */
export interface OwnersVoteInput {
  kind: 'owners';
  matterId?: string | null;
  ownersItem: number;
  totalArea: string;
  totalOwners: number;
  participatingArea: string;
  participatingOwners: number;
  yesArea: string;
  yesOwners: number;
  noArea: string;
  noOwners: number;
}

/** Records a vote (immutable); the answer carries the outcome. */
export function recordVote(meetingId: string, id: string, input: SimpleVoteInput | OwnersVoteInput): Promise<VoteView> {
  return api.post<VoteView>(`/api/meetings/${enc(meetingId)}/votes`, { id, ...input });
}

/** Households and floor area of a compound from the registry, to prefill an owners' vote. */
export function getOwnerTotals(compoundId: string): Promise<{ households: number; areaM2: number | string; householdsWithoutArea?: number }> {
  return api.get(`/api/compounds/${enc(compoundId)}/owner-totals`);
}

/** A compound's member pool. */
export async function listPool(compoundId: string, f: { kind?: MemberKind; active?: boolean } = {}): Promise<PoolMemberView[]> {
  const r = await api.get<PoolMemberView[] | Page<PoolMemberView>>(`/api/compounds/${enc(compoundId)}/pool`, f);
  return Array.isArray(r) ? r : r.items;
}

/** The fields of a pool member. */
export interface PoolMemberInput {
  kind: MemberKind;
  name: string;
  title?: string | null;
  userId?: string | null;
  orgId?: string | null;
  phone?: string | null;
  expertise: string[];
  note?: string | null;
}

/** Adds a member to a compound's pool; the same id retried returns the first result. */
export function createPoolMember(id: string, compoundId: string, input: PoolMemberInput): Promise<PoolMemberView> {
  return api.post<PoolMemberView>('/api/pool-members', { id, compoundId, ...input });
}

/** Changes a pool member, or deactivates it with active: false (compare-and-set on version). */
export function updatePoolMember(id: string, version: number, patch: Partial<PoolMemberInput> & { active?: boolean }): Promise<PoolMemberView> {
  return api.patch<PoolMemberView>(`/api/pool-members/${enc(id)}`, { version, ...patch });
}

/** The chosen participants of a matter (to invite them to its meeting). */
export async function listParticipants(matterId: string): Promise<ParticipantView[]> {
  const r = await api.get<ParticipantView[] | { items: ParticipantView[] }>(`/api/matters/${enc(matterId)}/participants`);
  return Array.isArray(r) ? r : r.items;
}

/** A matter as the meeting form links it. */
export interface MatterBrief {
  id: string;
  title: string;
  compound: Named;
  jointDecisionItem?: number | null;
}

/** One matter's title and compound (to link a meeting to it). */
export function getMatterBrief(id: string): Promise<MatterBrief> {
  return api.get<MatterBrief>(`/api/matters/${enc(id)}`);
}

/** Open matters of a compound by title (for the meeting form's matter picker). */
export async function searchMatters(compoundId: string, q: string): Promise<MatterBrief[]> {
  return (await api.get<Page<MatterBrief>>('/api/matters', { compoundId, q: q || undefined, pageSize: 20 })).items;
}

/** Organisations by name within the chosen place (pool member's organisation). */
export async function searchOrgs(q: string, regionId: string | undefined): Promise<Named[]> {
  return (await api.get<Page<Named>>('/api/orgs', { q: q || undefined, regionId, pageSize: 20 })).items.map((o) => ({ id: o.id, name: o.name }));
}

/** User accounts by name (only for callers who may list users). */
export async function searchUsers(q: string): Promise<{ id: string; username: string; displayName: string }[]> {
  return (await api.get<Page<{ id: string; username: string; displayName: string }>>('/api/users', { q: q || undefined, pageSize: 20 })).items;
}

/** One compound's row of the weekly report. */
export interface WeeklyRow {
  compound: Named;
  collected: number;
  answered: number;
  takenUp: number;
  pending: number;
  answeredWithin7Days: number;
}

/** GET /api/deliberation/reports/weekly. */
export interface WeeklyReport {
  week: string;
  from: string;
  to: string;
  rows: WeeklyRow[];
  totals: Omit<WeeklyRow, 'compound'>;
}

/** The weekly opinion report (week as 2026-W48) of a compound or of the compounds under a region. */
export function weeklyReport(q: { regionId?: string; compoundId?: string; week: string }): Promise<WeeklyReport> {
  return api.get<WeeklyReport>('/api/deliberation/reports/weekly', { ...q });
}

/** GET /api/deliberation/reports/monthly. */
export interface MonthlyReport {
  month: string;
  compoundsInScope: number;
  compoundsWithConsultation: number;
  withoutConsultation: { compound: Named; community: Named | null; lastMeetingAt: string | null }[];
}

/** Compounds that held no consultation in a month (month as 2026-11). */
export function monthlyReport(q: { regionId?: string; month: string }): Promise<MonthlyReport> {
  return api.get<MonthlyReport>('/api/deliberation/reports/monthly', { ...q });
}

/** The four counts of a place. */
export interface CountRow {
  opinionsCollected: number;
  mattersResolved: number;
  policySessions: number;
  meetingsHeld: number;
}

/** GET /api/deliberation/counts. */
export interface Counts extends CountRow {
  meetingsByForm: Record<MeetingForm, number>;
  byChild: (CountRow & { region: Named })[];
}

/** Counts of a place over a period (dates YYYY-MM-DD), with one row per place directly under it. */
export function deliberationCounts(q: { regionId?: string; from?: string; to?: string }): Promise<Counts> {
  return api.get<Counts>('/api/deliberation/counts', { ...q });
}

