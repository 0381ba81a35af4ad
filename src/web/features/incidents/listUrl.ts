// The incident list's filters and page in the address, so a reload, the back button, a bookmark or a link from another
// page (the KPI table) shows the same list.
import type { IncidentFilter } from './api.ts';

/** The list filters without the region (the region has its own parameter, kept by the region picker). */
export type Filter = Omit<IncidentFilter, 'regionId'>;

/** The list's state as the address holds it. */
export interface ListState {
  filter: Filter;
  page: number;
  pageSize: number;
}

const TEXT_KEYS = ['q', 'compoundId', 'gridId', 'majorCode', 'categoryCode', 'stage', 'sourceChannel', 'urgency', 'handlerId', 'reportedFrom', 'reportedTo'] as const;
/** Every parameter the list owns; the others (the region) are left alone. */
const OWN = [...TEXT_KEYS, 'state', 'overdue', 'page', 'pageSize'];
const PAGE_SIZES = [10, 20, 50, 100];

/** Reads the list state from the address; what is missing or unreadable takes its default (open cases, page 1 of 20). */
export function listStateOf(params: URLSearchParams): ListState {
  const filter: Filter = {};
  const f = filter as Record<string, string>;
  for (const k of TEXT_KEYS) {
    const v = params.get(k)?.trim();
    if (v) f[k] = v;
  }
  const state = params.get('state');
  if (state !== 'all') filter.open = state !== 'ended';
  if (params.get('overdue') === '1') filter.overdue = true;
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return { filter, page: Number.isInteger(page) && page > 0 ? page : 1, pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20 };
}

/** Writes the list state into a copy of the address's parameters, leaving the parameters the list does not own. */
export function withListState(params: URLSearchParams, s: ListState): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const k of OWN) out.delete(k);
  const f = s.filter as Record<string, unknown>;
  for (const k of TEXT_KEYS) if (typeof f[k] === 'string' && f[k]) out.set(k, f[k] as string);
  if (s.filter.open === undefined) out.set('state', 'all');
  else if (!s.filter.open) out.set('state', 'ended');
  if (s.filter.overdue) out.set('overdue', '1');
  if (s.page !== 1) out.set('page', String(s.page));
  if (s.pageSize !== 20) out.set('pageSize', String(s.pageSize));
  return out;
}

/**
 * The list's address for a filter, cases of every state unless the filter says otherwise; `regionId` picks the place
 * (the region parameter), else the one chosen now stays.
 */
export function incidentListPath(filter: Filter, regionId?: string): string {
  const p = withListState(new URLSearchParams(regionId ? { region: regionId } : {}), { filter: { open: undefined, ...filter }, page: 1, pageSize: 20 });
  return `/incidents?${p.toString()}`;
}

/** A KPI period of China days (from and to inclusive, as YYYY-MM-DD) as the list's reporting instants. */
export function reportedBetween(from: string, to: string): Pick<Filter, 'reportedFrom' | 'reportedTo'> {
  const start = Date.parse(`${from}T00:00:00+08:00`);
  const end = Date.parse(`${to}T00:00:00+08:00`) + 86_400_000;
  return { reportedFrom: new Date(start).toISOString(), reportedTo: new Date(end).toISOString() };
}
