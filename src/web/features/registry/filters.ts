// The list filters of the registry screens: form values to API query (pure, unit-tested).
import type { FiveOnesItem } from '../../../shared/org-types.ts';
import type { CompoundFilter, CompoundSort, ResidentFilter } from './api.ts';
import { looksLikeIdNumber, looksLikePhone } from './labels.ts';

/** The compound list's filter form. */
export interface CompoundFilterValues {
  q?: string;
  communityId?: string;
  housingType?: string;
  propertyMode?: string;
  fiveOnes?: 'complete' | 'incomplete';
  missing?: FiveOnesItem[];
  hasOwnersCommittee?: 'yes' | 'no';
}

/** Table column key → server sort key of the compound list. */
export const SORT_OF: Record<string, CompoundSort> = { name: 'name', buildYear: 'build_year', householdCount: 'household_count' };

/** The filter the API takes, from the form and the chosen place. */
export function compoundFilterOf(v: CompoundFilterValues, regionId: string | undefined): CompoundFilter {
  return {
    regionId,
    communityId: v.communityId || undefined,
    q: v.q?.trim() || undefined,
    housingType: v.housingType || undefined,
    propertyMode: v.propertyMode || undefined,
    fiveOnes: v.fiveOnes || undefined,
    missing: v.missing?.length ? v.missing : undefined,
    hasOwnersCommittee: v.hasOwnersCommittee === 'yes' ? true : v.hasOwnersCommittee === 'no' ? false : undefined,
  };
}

/** The resident list's filter form. */
export interface ResidentFilterValues {
  search?: string;
  compoundId?: string;
  politicalStatus?: string;
  hasProtectedTags?: 'yes' | 'no';
  minor?: 'yes' | 'no';
  includeMovedOut?: boolean;
}

/** The search box sends an exact ID-number or phone lookup when the text looks like one, else a name fragment. */
export function residentFilterOf(v: ResidentFilterValues, fixedCompoundId?: string): { filter: ResidentFilter; lookup: 'idNumber' | 'phone' | null } {
  const s = (v.search ?? '').trim();
  const lookup = s && looksLikeIdNumber(s) ? 'idNumber' : s && looksLikePhone(s) ? 'phone' : null;
  const yn = (x?: 'yes' | 'no') => (x === 'yes' ? true : x === 'no' ? false : undefined);
  return {
    lookup,
    filter: {
      compoundId: fixedCompoundId ?? (v.compoundId || undefined),
      q: !lookup && s ? s : undefined,
      idNumber: lookup === 'idNumber' ? s.replace(/\s+/g, '') : undefined,
      phone: lookup === 'phone' ? s : undefined,
      politicalStatus: v.politicalStatus || undefined,
      hasProtectedTags: yn(v.hasProtectedTags),
      minor: yn(v.minor),
      includeMovedOut: v.includeMovedOut ? true : undefined,
    },
  };
}
