import { describe, expect, it } from 'vitest';
import { queryString } from './api.ts';
import { compoundFilterOf, residentFilterOf } from './filters.ts';
import { looksLikeIdNumber, looksLikePhone } from './labels.ts';

describe('registry list filters', () => {
  it('sends an ID number typed in the resident search box as an exact lookup, not a name', () => {
    expect(residentFilterOf({ search: ' 11010519491231002x ' })).toEqual({
      lookup: 'idNumber',
      filter: expect.objectContaining({ idNumber: '11010519491231002x', q: undefined, phone: undefined }),
    });
  });

  it('sends a mobile number as a phone lookup and anything else as a name fragment', () => {
    expect(residentFilterOf({ search: '138 1234 5678' }).filter.phone).toBe('138 1234 5678');
    expect(residentFilterOf({ search: '王' })).toEqual({ lookup: null, filter: expect.objectContaining({ q: '王', idNumber: undefined, phone: undefined }) });
    expect(looksLikeIdNumber('1234')).toBe(false);
    expect(looksLikePhone('+86 13812345678')).toBe(true);
    expect(looksLikePhone('23812345678')).toBe(false);
  });

  it('keeps a compound tab’s compound whatever the form says, and maps yes/no selects to booleans', () => {
    const f = residentFilterOf({ compoundId: 'other', hasProtectedTags: 'no', minor: 'yes' }, 'fixed').filter;
    expect(f).toMatchObject({ compoundId: 'fixed', hasProtectedTags: false, minor: true, includeMovedOut: undefined });
  });

  it('builds the compound query with the chosen place, repeated missing items and the committee flag', () => {
    const f = compoundFilterOf({ q: ' 北街 ', missing: ['party_org', 'contact_unit'], hasOwnersCommittee: 'no', fiveOnes: 'incomplete' }, 'region-1');
    expect(f).toEqual({
      regionId: 'region-1', communityId: undefined, q: '北街', housingType: undefined, propertyMode: undefined,
      fiveOnes: 'incomplete', missing: ['party_org', 'contact_unit'], hasOwnersCommittee: false,
    });
    expect(queryString({ ...f, page: 2 })).toBe('regionId=region-1&q=%E5%8C%97%E8%A1%97&fiveOnes=incomplete&missing=party_org&missing=contact_unit&hasOwnersCommittee=false&page=2');
  });
});
