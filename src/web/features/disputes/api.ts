// API calls of the dispute register, the mediator pools and the dispute counts (contract: notes/issue5-status.md; view
// types from src/shared/disputes.ts).
import { api, type Page } from '../../api/client.ts';
import type {
  DisputeDetail, DisputeStats, DisputeView, ElderKind, MediatorKind, MediatorView, PartyRevealField, PartySide,
} from '../../../shared/disputes.ts';

const enc = encodeURIComponent;

/** Filters of GET /api/disputes (dates YYYY-MM-DD, both ends included). */
export interface DisputeFilter {
  regionId?: string;
  compoundId?: string;
  type?: string;
  status?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** One page of disputes (parties masked). */
export function listDisputes(filter: DisputeFilter, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<DisputeView>> {
  return api.get<Page<DisputeView>>('/api/disputes', { ...filter, page, pageSize }, { signal });
}

/** One dispute with mediators, sessions and timeline (404 outside the caller's places). */
export function getDispute(id: string): Promise<DisputeDetail> {
  return api.get<DisputeDetail>(`/api/disputes/${enc(id)}`);
}

/** A party as the register form sends it. */
export interface PartyInput {
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  side?: PartySide | null;
}

/** The fields of a dispute registration. */
export interface DisputeInput {
  compoundId: string;
  type: string;
  summary: string;
  occurredOn?: string | null;
  parties: PartyInput[];
}

/** Registers a dispute; the same id retried returns the first result. */
export function registerDispute(id: string, input: DisputeInput): Promise<DisputeDetail> {
  return api.post<DisputeDetail>('/api/disputes', { id, ...input });
}

/** Changes the type, summary or date of an open dispute (compare-and-set on version). */
export function updateDispute(id: string, version: number, patch: { type?: string; summary?: string; occurredOn?: string | null }): Promise<DisputeDetail> {
  return api.patch<DisputeDetail>(`/api/disputes/${enc(id)}`, { version, ...patch });
}

/** Adds parties to an open dispute. */
export function addParties(id: string, version: number, parties: PartyInput[]): Promise<DisputeDetail> {
  return api.post<DisputeDetail>(`/api/disputes/${enc(id)}/parties`, { version, parties });
}

/** The input of a mediation event, as the API takes it. */
export interface DisputeEventInput {
  mediatorIds?: string[];
  heldOn?: string;
  place?: string;
  notes?: string;
  agreementText?: string;
  referredTo?: string;
  note?: string | null;
  reason?: string;
  on?: string;
  result?: string;
}

/** Fires a mediation event (assign, session, agree, refer, withdraw, follow_up, reopen, unassign). */
export function fireDisputeEvent(id: string, event: string, version: number, input: DisputeEventInput): Promise<DisputeDetail> {
  return api.post<DisputeDetail>(`/api/disputes/${enc(id)}/events`, { event, version, input });
}

/** One party's plain values, only the fields asked for. */
export interface PlainParty {
  id: string;
  seq: number;
  name?: string;
  phone?: string | null;
  idNumber?: string | null;
}

/** Plain values of parties, audited with the reason; to be shown, never kept. */
export function revealParties(id: string, fields: PartyRevealField[], partyIds: string[], reason: string): Promise<{ parties: PlainParty[] }> {
  return api.post(`/api/disputes/${enc(id)}/reveal`, { fields, partyIds, reason });
}

/** Dispute counts by type, result and place for a region and period. */
export function disputeStats(q: { regionId: string; from?: string; to?: string }, signal?: AbortSignal): Promise<DisputeStats> {
  return api.get<DisputeStats>('/api/disputes/stats', q, { signal });
}

/** Filters of GET /api/mediators. */
export interface MediatorFilter {
  regionId?: string;
  usableFor?: string;
  kind?: string;
  active?: boolean;
  q?: string;
}

/** One page of mediators (phones masked). */
export function listMediators(filter: MediatorFilter, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<MediatorView>> {
  return api.get<Page<MediatorView>>('/api/mediators', { ...filter, page, pageSize }, { signal });
}

/** One mediator, e.g. its current version after a 409 STALE. */
export function getMediator(id: string): Promise<MediatorView> {
  return api.get<MediatorView>(`/api/mediators/${enc(id)}`);
}

/** The editable fields of a mediator. */
export interface MediatorInput {
  kind?: MediatorKind;
  elderKind?: ElderKind | null;
  name?: string;
  phone?: string | null;
  expertise?: string[];
  note?: string | null;
  active?: boolean;
}

/** Adds a mediator to a region's pool; the same id retried returns the first result. */
export function createMediator(id: string, regionId: string, input: MediatorInput): Promise<MediatorView> {
  return api.post<MediatorView>('/api/mediators', { id, regionId, ...input });
}

/** Changes or deactivates a mediator (compare-and-set on version). */
export function updateMediator(id: string, version: number, input: MediatorInput): Promise<MediatorView> {
  return api.patch<MediatorView>(`/api/mediators/${enc(id)}`, { version, ...input });
}

/** A mediator's phone in plain text, audited with the reason. */
export function revealMediatorPhone(id: string, reason: string): Promise<{ phone: string | null }> {
  return api.post(`/api/mediators/${enc(id)}/reveal`, { reason });
}
