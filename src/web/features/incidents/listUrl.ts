// The incident list in the address (see components/listInUrl.ts), and links into it from other pages (the KPI table).
import { listCodec } from '../../components/listInUrl.ts';
import type { IncidentFilter } from './api.ts';

/** The list filters without the region (the region has its own parameter, kept by the region picker). */
export type Filter = Omit<IncidentFilter, 'regionId'>;

/** The incident list's parameters: the flags, and these as text. */
export const incidentList = listCodec<Filter>(['q', 'compoundId', 'gridId', 'majorCode', 'categoryCode', 'stage', 'sourceChannel', 'urgency', 'handlerId', 'reportedFrom', 'reportedTo']);

/**
 * The list's address for a filter, cases of every state unless the filter says otherwise; `regionId` picks the place
 * (the region parameter), else the one chosen now stays.
 */
export function incidentListPath(filter: Filter, regionId?: string): string {
  const p = incidentList.write(new URLSearchParams(regionId ? { region: regionId } : {}), { filter: { open: undefined, ...filter }, page: 1, pageSize: 20 });
  return `/incidents?${p.toString()}`;
}

/** A KPI period of China days (from and to inclusive, as YYYY-MM-DD) as the list's reporting instants. */
export function reportedBetween(from: string, to: string): Pick<Filter, 'reportedFrom' | 'reportedTo'> {
  const start = Date.parse(`${from}T00:00:00+08:00`);
  const end = Date.parse(`${to}T00:00:00+08:00`) + 86_400_000;
  return { reportedFrom: new Date(start).toISOString(), reportedTo: new Date(end).toISOString() };
}
