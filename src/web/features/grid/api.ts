// Typed calls of the grid worker's page: the task list, the category tree, the worker's own grid and its compounds, and the
// two calls a queued report makes (photo upload, then the report).
import type { CategoryVersionView, IncidentDetail, IncidentView } from '../../../shared/incidents.ts';
import { api, type Page } from '../../api/client.ts';
import { uploadAttachment } from '../deliberation/api.ts';
import type { IncidentBody, QueuedPhoto } from './queue.ts';

const enc = encodeURIComponent;

/** A compound as the picker needs it. */
export interface CompoundChoice {
  id: string;
  name: string;
  communityName: string;
  gridId: string | null;
  lat: number | null;
  lng: number | null;
}

/** The worker's grid, when their account is one of its workers on duty. */
export interface MyGrid {
  id: string;
  name: string;
  communityId: string;
}

/** The caller's task list (GET /api/incidents/tasks), earliest deadline first. */
export async function listTasks(): Promise<Page<IncidentView>> {
  return api.get<Page<IncidentView>>('/api/incidents/tasks', { pageSize: 50 });
}

/** The current category tree (大类 and 小类). */
export async function loadCategories(): Promise<CategoryVersionView> {
  return api.get<CategoryVersionView>('/api/incident-categories');
}

interface GridRow {
  id: string;
  name: string;
  communityId: string;
}
interface GridDetail extends GridRow {
  workers?: { userId: string | null; onDuty: boolean }[];
}

/**
 * The grid whose worker on duty is this account: looked up among the grids the caller may read (a worker reads a
 * community or so, a handful of grids); null when there is none or the caller reads too many to look through.
 */
export async function findMyGrid(userId: string): Promise<MyGrid | null> {
  const grids = await api.get<Page<GridRow>>('/api/grids', { pageSize: 30 });
  if (grids.total > 30) return null;
  for (const g of grids.items) {
    const d = await api.get<GridDetail>(`/api/grids/${enc(g.id)}`);
    if (d.workers?.some((w) => w.userId === userId && w.onDuty)) return { id: g.id, name: g.name, communityId: g.communityId };
  }
  return null;
}

/** Compounds of a grid, or matching a name anywhere the caller may read. */
export async function listCompounds(f: { gridId?: string; q?: string }): Promise<CompoundChoice[]> {
  const page = await api.get<Page<CompoundChoice>>('/api/compounds', { gridId: f.gridId, q: f.q, pageSize: f.gridId ? 100 : 20 });
  return page.items.map(({ id, name, communityName, gridId, lat, lng }) => ({ id, name, communityName, gridId, lat, lng }));
}

/** One compound's name, for tasks outside the worker's own grid. */
export async function compoundName(id: string): Promise<string> {
  return (await api.get<CompoundChoice>(`/api/compounds/${enc(id)}`)).name;
}

/** Uploads one queued photo; returns its attachment id. */
export async function uploadPhoto(photo: QueuedPhoto, csrfToken: string | null): Promise<string> {
  return (await uploadAttachment(new File([photo.blob], photo.name, { type: photo.blob.type }), csrfToken)).id;
}

/** Reports the incident (201 the first time, 200 for a resend of the same client id). */
export async function postIncident(body: IncidentBody): Promise<IncidentDetail> {
  return api.post<IncidentDetail>('/api/incidents', body);
}
