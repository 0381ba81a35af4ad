// API calls of the incident screens (contract: notes/issue5-status.md; view types from src/shared/incidents.ts).
import { api, type Page } from '../../api/client.ts';
import type {
  CategoryDef, CategoryVersionView, IncidentDetail, IncidentView, KpiGroup, KpiTable, RouteRuleDef, SourceChannel, Urgency,
} from '../../../shared/incidents.ts';
import type { MethodTemplateBody } from '../../../shared/method-template.ts';

const enc = encodeURIComponent;

/** Filters of the incident list as GET /api/incidents takes them. */
export interface IncidentFilter {
  regionId?: string;
  compoundId?: string;
  gridId?: string;
  majorCode?: string;
  categoryCode?: string;
  stage?: string;
  sourceChannel?: SourceChannel;
  urgency?: Urgency;
  handlerId?: string;
  overdue?: boolean;
  /** true: still running; false: ended. */
  open?: boolean;
  /** Reported at or after / before these instants (UTC ISO). */
  reportedFrom?: string;
  reportedTo?: string;
  q?: string;
}

/** One page of incidents. */
export function listIncidents(f: IncidentFilter, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<IncidentView>> {
  return api.get<Page<IncidentView>>('/api/incidents', { ...f, page, pageSize }, { signal });
}

/** One incident with its timeline and the caller's actions (404 outside the caller's places). */
export function getIncident(id: string): Promise<IncidentDetail> {
  return api.get<IncidentDetail>(`/api/incidents/${enc(id)}`);
}

/** What moves an incident one step. */
export interface IncidentEventBody {
  event: string;
  input: Record<string, unknown>;
  comment?: string | null;
  attachments?: string[];
  version: number;
}

/** Fires one closed-loop event; 409 STALE when the incident moved since `version`. */
export function fireIncidentEvent(id: string, body: IncidentEventBody): Promise<IncidentDetail> {
  return api.post<IncidentDetail>(`/api/incidents/${enc(id)}/events`, body);
}

/** The category tree and routing rules: the current version, or a given one. */
export function getCategories(version?: number): Promise<CategoryVersionView> {
  return api.get<CategoryVersionView>('/api/incident-categories', { version });
}

/** A version header of the history list. */
export interface CategoryVersionHeader {
  id: string;
  version: number;
  status: 'published' | 'retired';
  note: string | null;
  publishedAt: string;
  publishedBy: string | null;
}

/** Every category version, newest first. */
export async function listCategoryVersions(): Promise<CategoryVersionHeader[]> {
  return (await api.get<{ items: CategoryVersionHeader[] }>('/api/incident-categories/versions')).items;
}

/** What a new category version carries: the whole tree and the routing rules. */
export interface CategoryVersionInput {
  id: string;
  note?: string | null;
  categories: CategoryDef[];
  rules: RouteRuleDef[];
}

/** Publishes a new category version (incident.configure at the root); retry-safe by id. */
export function publishCategories(body: CategoryVersionInput): Promise<CategoryVersionView> {
  return api.post<CategoryVersionView>('/api/incident-categories/versions', body);
}

/** The KPI table of a region for a period (China dates, both included). */
export function getKpis(q: { regionId: string; from: string; to: string; groupBy: KpiGroup }, signal?: AbortSignal): Promise<KpiTable> {
  return api.get<KpiTable>('/api/incident-kpis', q, { signal });
}

/** An organisation as pickers show it. */
export interface OrgChoice {
  id: string;
  name: string;
}

/** Organisations by name within the caller's places (dispatch targets and routing rules). */
export async function searchOrgs(q: string, regionId?: string): Promise<OrgChoice[]> {
  return (await api.get<Page<OrgChoice>>('/api/orgs', { q: q || undefined, regionId, pageSize: 20 })).items.map((o) => ({ id: o.id, name: o.name }));
}

/** A compound as pickers show it. */
export interface CompoundChoice {
  id: string;
  name: string;
  communityId: string;
  gridId: string | null;
}

/** One compound's name and place (for the list's place column). */
export function getCompoundBrief(id: string): Promise<CompoundChoice> {
  return api.get<CompoundChoice>(`/api/compounds/${enc(id)}`);
}

/** A grid with its workers (who may verify). */
export interface GridChoice {
  id: string;
  name: string;
  code: string;
  communityId: string;
  communityName?: string;
  workers?: { userId: string | null; name: string; onDuty?: boolean }[];
}

/** The grids of a region (or community). */
export async function listGrids(q: { regionId?: string; communityId?: string; q?: string }): Promise<GridChoice[]> {
  return (await api.get<Page<GridChoice>>('/api/grids', { ...q, pageSize: 200 })).items;
}

/** One grid with its workers. */
export function getGrid(id: string): Promise<GridChoice> {
  return api.get<GridChoice>(`/api/grids/${enc(id)}`);
}

/** The closed-loop template's versions (stage, event and input names for the timeline). */
export async function getLoopVersions(): Promise<MethodTemplateBody[]> {
  const r = await api.get<{ versions: { version: number; body: MethodTemplateBody }[] }>('/api/method-templates/closed_loop');
  return [...r.versions].sort((a, b) => b.version - a.version).map((v) => v.body);
}

/** The days marked on the national working calendar for a year (holidays and make-up working days). */
export async function getCalendarMarks(year: number): Promise<{ date: string; kind: 'holiday' | 'workday' }[]> {
  return (await api.get<{ effective: { date: string; kind: 'holiday' | 'workday' }[] }>('/api/calendar', { year })).effective;
}
