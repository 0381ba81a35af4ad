// API calls of the rectification campaign screens (contract: notes/issue5-status.md; view types from
// src/shared/campaigns.ts; the problem types come from the incident category tree).
import { api, type Page } from '../../api/client.ts';
import type { CampaignCoverage, CampaignView, FindingView, InspectionResult, TaskView } from '../../../shared/campaigns.ts';
import type { CategoryVersionView } from '../../../shared/incidents.ts';

const enc = encodeURIComponent;

/** Filters of GET /api/campaigns. */
export interface CampaignFilter {
  regionId?: string;
  status?: string;
  q?: string;
}

/** One page of campaigns with their coverage. */
export function listCampaigns(filter: CampaignFilter, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<CampaignView>> {
  return api.get<Page<CampaignView>>('/api/campaigns', { ...filter, page, pageSize }, { signal });
}

/** One campaign (404 outside the caller's places). */
export function getCampaign(id: string): Promise<CampaignView> {
  return api.get<CampaignView>(`/api/campaigns/${enc(id)}`);
}

/** The fields of a campaign. */
export interface CampaignInput {
  name?: string;
  description?: string | null;
  regionId?: string;
  problemTypes?: string[];
  startsOn?: string;
  endsOn?: string;
}

/** Plans a campaign; the same id retried returns the first result. */
export function createCampaign(id: string, input: CampaignInput): Promise<CampaignView> {
  return api.post<CampaignView>('/api/campaigns', { id, ...input });
}

/** Changes a campaign (region, problem types and start only while planned). */
export function updateCampaign(id: string, version: number, input: CampaignInput): Promise<CampaignView> {
  return api.patch<CampaignView>(`/api/campaigns/${enc(id)}`, { version, ...input });
}

/** Starts a planned campaign: one inspection task per compound in its region. */
export function startCampaign(id: string, version: number): Promise<CampaignView> {
  return api.post<CampaignView>(`/api/campaigns/${enc(id)}/start`, { version });
}

/** Finishes a running campaign, waiving the listed open tasks with their reasons in the same step. */
export function finishCampaign(id: string, version: number, waive?: { taskId: string; reason: string }[]): Promise<CampaignView> {
  return api.post<CampaignView>(`/api/campaigns/${enc(id)}/finish`, { version, ...(waive?.length ? { waive } : {}) });
}

/** Coverage: totals, per community, compounds added after start, findings by type. */
export function getCoverage(id: string, signal?: AbortSignal): Promise<CampaignCoverage> {
  return api.get<CampaignCoverage>(`/api/campaigns/${enc(id)}/coverage`, undefined, { signal });
}

/** Filters of a campaign's tasks (status=open: compounds not yet inspected). */
export interface TaskFilter {
  status?: string;
  communityId?: string;
  origin?: string;
}

/** One page of a campaign's inspection tasks. */
export function listTasks(id: string, filter: TaskFilter, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<TaskView>> {
  return api.get<Page<TaskView>>(`/api/campaigns/${enc(id)}/tasks`, { ...filter, page, pageSize }, { signal });
}

/** Every open task of a campaign (pages of 100), for waiving the rest at finish. */
export async function allOpenTasks(id: string): Promise<TaskView[]> {
  const out: TaskView[] = [];
  for (let page = 1; page <= 50; page++) {
    const p = await listTasks(id, { status: 'open' }, page, 100);
    out.push(...p.items);
    if (out.length >= p.total || p.items.length === 0) break;
  }
  return out;
}

/** Adds a task for a compound registered after the start. */
export function addTask(id: string, compoundId: string): Promise<TaskView> {
  return api.post<TaskView>(`/api/campaigns/${enc(id)}/tasks`, { compoundId });
}

/** One page of a campaign's findings, each with its incident. */
export function listFindings(id: string, filter: { categoryCode?: string }, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<FindingView>> {
  return api.get<Page<FindingView>>(`/api/campaigns/${enc(id)}/findings`, { ...filter, page, pageSize }, { signal });
}

/** One inspection task, e.g. its current version after a 409 STALE. */
export function getTask(id: string): Promise<TaskView> {
  return api.get<TaskView>(`/api/campaign-tasks/${enc(id)}`);
}

/** A finding as the inspection form sends it; its id becomes the incident's id. */
export interface FindingInput {
  id: string;
  categoryCode: string;
  description: string;
  photos?: string[];
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
}

/** Records an inspection; a resend with the same inspection id returns the recorded one. */
export function recordInspection(taskId: string, body: { id: string; version: number; result: InspectionResult; note?: string | null; findings?: FindingInput[] }): Promise<TaskView> {
  return api.post<TaskView>(`/api/campaign-tasks/${enc(taskId)}/inspection`, body);
}

/** Waives an open task with a reason. */
export function waiveTask(taskId: string, version: number, reason: string): Promise<TaskView> {
  return api.post<TaskView>(`/api/campaign-tasks/${enc(taskId)}/waive`, { version, reason });
}

/** The current incident category tree (大类 and 小类). */
export function getCategories(): Promise<CategoryVersionView> {
  return api.get<CategoryVersionView>('/api/incident-categories');
}
