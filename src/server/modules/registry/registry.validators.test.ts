import { describe, expect, it } from 'vitest';
import { validateCompoundInput } from './compound.ts';
import { validateHouseholdInput, householdLabel } from './household.ts';
import { isMinor, minorCutoff, residentDisplay, validateResidentInput, validateResidentPatch } from './resident.ts';
import { ancestorPaths, commonPath, narrowScopes } from './scope.ts';
import { prefixUpperBound } from '../../db/database.ts';
import { validateRegionInput } from './region.ts';
import { isCurrentDocument } from './document.ts';

const TODAY = '2026-11-26';
const fields = (p: { field: string; code: string }[]) => p.map((x) => `${x.field}:${x.code}`).sort();

describe('compound row validation (pure, for imports)', () => {
  it('reads spreadsheet strings: numbers, 是/否, Chinese labels', () => {
    const r = validateCompoundInput({ communityId: '8f0e7c1a-1b2c-4d3e-8f9a-0b1c2d3e4f5a', name: ' 北街小区 ', housingType: '房改房', propertyMode: '社区领办', buildYear: '1990', enclosed: '是', feeCollectionRate: '0.75', lat: '30.79', lng: '106.1' }, TODAY);
    expect(r.problems).toEqual([]);
    expect(r.value).toMatchObject({ name: '北街小区', housingType: 'reformed', propertyMode: 'community_run', buildYear: 1990, enclosed: true, feeCollectionRate: 0.75, lat: 30.79, lng: 106.1, gridId: null, address: null });
  });

  it('collects every problem of a row', () => {
    const r = validateCompoundInput({ name: '', housingType: 'villa', propertyMode: '', buildYear: '19x0', lat: '91', renovationYear: 1980 }, TODAY);
    expect(fields(r.problems)).toEqual(['buildYear:NOT_A_NUMBER', 'communityId:REQUIRED', 'housingType:NOT_IN_LIST', 'lat:OUT_OF_RANGE', 'name:REQUIRED', 'propertyMode:REQUIRED']);
  });

  it('requires lat and lng together and a renovation not before the build year', () => {
    const r = validateCompoundInput({ communityId: '8f0e7c1a-1b2c-4d3e-8f9a-0b1c2d3e4f5a', name: 'x', housingType: 'public', propertyMode: 'market', lat: 30, buildYear: 2000, renovationYear: 1999 }, TODAY);
    expect(fields(r.problems)).toEqual(['lng:REQUIRED', 'renovationYear:OUT_OF_RANGE']);
  });
});

describe('household and resident row validation', () => {
  it('defaults a household to resident status and labels it', () => {
    const r = validateHouseholdInput({ compoundId: '8f0e7c1a-1b2c-4d3e-8f9a-0b1c2d3e4f5a', room: '301', unit: '2', buildingName: '3幢' });
    expect(r.problems).toEqual([]);
    expect(r.value.status).toBe('resident');
    expect(householdLabel('3幢', '2', '301')).toBe('3幢2单元301室');
    expect(householdLabel(null, null, '平房5号')).toBe('平房5号');
  });

  it('derives gender and birth date from the ID number and pads one-digit codes', () => {
    const r = validateResidentInput({ compoundId: '8f0e7c1a-1b2c-4d3e-8f9a-0b1c2d3e4f5a', name: '张三', idNumber: '330102199003071230', politicalStatus: 1, relation: '配偶', protectedTags: '独居老人、困难户（低保）', phone: '138 0013 8000' }, TODAY);
    expect(r.problems).toEqual([]);
    expect(r.value).toMatchObject({ gender: 'male', birthDate: '1990-03-07', politicalStatus: '01', relation: '10', protectedTags: ['elderly_alone', 'hardship:subsistence'], phone: '13800138000' });
  });

  it('refuses a birth date that disagrees with the ID number, and unknown tags', () => {
    const r = validateResidentInput({ householdId: '8f0e7c1a-1b2c-4d3e-8f9a-0b1c2d3e4f5a', name: '张三', idNumber: '330102199003071230', birthDate: '1990-03-08', protectedTags: ['vip'] }, TODAY);
    expect(fields(r.problems)).toEqual(['birthDate:BIRTH_DATE_MISMATCH', 'protectedTags:NOT_IN_LIST']);
  });

  it('keeps a PATCH in step with the stored ID number', () => {
    const facts = { hasIdNumber: true, gender: 'female' as const, birthDate: '1985-03-12' };
    expect(fields(validateResidentPatch({ gender: 'male' }, TODAY, facts).problems)).toEqual(['gender:GENDER_MISMATCH']);
    expect(validateResidentPatch({ idNumber: null, gender: 'male' }, TODAY, facts).value).toMatchObject({ idNumber: null, gender: 'male' });
    expect(validateResidentPatch({ name: '新名' }, TODAY, facts).value).toEqual({ name: '新名' });
  });

  it('tells minors by the 14th birthday', () => {
    expect(isMinor('2012-11-27', TODAY)).toBe(true);
    expect(isMinor('2012-11-26', TODAY)).toBe(false);
    expect(minorCutoff(TODAY)).toBe('2012-11-26');
    expect(residentDisplay({ name: '欧阳小明', birthDate: '2016-01-01', hasProtectedTags: false }, TODAY)).toMatchObject({ name: '欧阳**', minor: true, sensitive: true, ageBand: '0-13' });
    expect(residentDisplay({ name: '张三', birthDate: null, hasProtectedTags: false }, TODAY)).toMatchObject({ name: '张三', minor: false, sensitive: false, age: null });
  });
});

describe('regions and scope paths', () => {
  it('refuses a community directly under a county', () => {
    const r = validateRegionInput({ code: '511302001001', name: 'x' }, { code: '511302', level: 'county' });
    expect(fields(r.problems)).toEqual(['code:DIVISION_PARENT']);
    const lvl = validateRegionInput({ code: '511302001', name: 'x', level: 'street' }, { code: '511300', level: 'city' });
    expect(fields(lvl.problems)).toEqual(['code:DIVISION_PARENT']);
  });

  it('narrows scopes to a region and computes path helpers', () => {
    expect(ancestorPaths('/a/b/c/')).toEqual(['/a/', '/a/b/']);
    expect(narrowScopes(['/a/'], '/a/b/')).toEqual(['/a/b/']);
    expect(narrowScopes(['/a/b/c/', '/a/x/'], '/a/b/')).toEqual(['/a/b/c/']);
    expect(narrowScopes(['/z/'], '/a/b/')).toEqual([]);
    expect(prefixUpperBound('/a/b/')).toBe('/a/b0');
    expect(commonPath(['/a/b/c/', '/a/b/d/'])).toBe('/a/b/');
  });
});

describe('compound documents', () => {
  it('counts a document as current only once adopted and until it expires', () => {
    expect(isCurrentDocument({ adoptedOn: '2026-01-01', validTo: null }, TODAY)).toBe(true);
    expect(isCurrentDocument({ adoptedOn: '2026-01-01', validTo: '2026-11-26' }, TODAY)).toBe(true);
    expect(isCurrentDocument({ adoptedOn: '2026-01-01', validTo: '2026-11-25' }, TODAY)).toBe(false);
    expect(isCurrentDocument({ adoptedOn: '2026-12-01', validTo: null }, TODAY)).toBe(false);
    expect(isCurrentDocument({ adoptedOn: null, validTo: null }, TODAY)).toBe(false);
  });
});
