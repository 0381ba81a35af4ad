import type { FieldProblem } from '../../../shared/errors.ts';
import { HOUSING_TYPE_LABELS, PROPERTY_MODE_LABELS, type HousingType, type PropertyMode } from '../../../shared/registry-codes.ts';
import { makeReader, type RawInput } from './input.ts';

/** A compound (小区/院落): the smallest governance unit, under one community. */
export interface Compound {
  id: string;
  communityId: string;
  scopePath: string;
  name: string;
  address: string | null;
  housingType: HousingType;
  buildYear: number | null;
  buildingCount: number | null;
  householdCount: number | null;
  floorArea: number | null;
  enclosed: boolean;
  feeCollectionRate: number | null;
  renovationYear: number | null;
  propertyMode: PropertyMode;
  lat: number | null;
  lng: number | null;
  gridId: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields a caller sets on a compound, checked. */
export interface CompoundValue {
  /** Client id for idempotent creates; null lets the server choose. */
  id: string | null;
  communityId: string;
  name: string;
  address: string | null;
  housingType: HousingType;
  buildYear: number | null;
  buildingCount: number | null;
  householdCount: number | null;
  floorArea: number | null;
  enclosed: boolean;
  feeCollectionRate: number | null;
  renovationYear: number | null;
  propertyMode: PropertyMode;
  lat: number | null;
  lng: number | null;
  gridId: string | null;
  note: string | null;
}

/** Sort keys of the compound list. */
export const COMPOUND_SORTS = ['name', 'build_year', 'household_count', 'updated_at'] as const;
/** A compound sort key. */
export type CompoundSort = (typeof COMPOUND_SORTS)[number];

/** A compound's scope path: its community's path plus its own id. */
export function compoundPath(communityPath: string, id: string): string {
  return communityPath + id + '/';
}

function readCompound(input: RawInput, today: string, partial: boolean): { value: Partial<CompoundValue>; problems: FieldProblem[] } {
  const r = makeReader(input, { partial });
  const year = Number(today.slice(0, 4));
  const value: Partial<CompoundValue> = {
    id: partial ? undefined : r.id('id'),
    communityId: partial ? undefined : r.id('communityId', { required: true }) ?? undefined,
    name: r.text('name', { required: true, max: 100 }) ?? undefined,
    address: r.text('address', { max: 200 }),
    housingType: r.code('housingType', HOUSING_TYPE_LABELS, { required: true }) ?? undefined,
    buildYear: r.num('buildYear', { min: 1900, max: year, integer: true }),
    buildingCount: r.num('buildingCount', { min: 0, max: 10000, integer: true }),
    householdCount: r.num('householdCount', { min: 0, max: 100000, integer: true }),
    floorArea: r.num('floorArea', { min: 0, max: 100_000_000 }),
    enclosed: r.bool('enclosed') ?? (partial && input.enclosed === undefined ? undefined : false),
    feeCollectionRate: r.num('feeCollectionRate', { min: 0, max: 1 }),
    renovationYear: r.num('renovationYear', { min: 1900, max: year + 5, integer: true }),
    propertyMode: r.code('propertyMode', PROPERTY_MODE_LABELS, { required: true }) ?? undefined,
    lat: r.num('lat', { min: -90, max: 90 }),
    lng: r.num('lng', { min: -180, max: 180 }),
    gridId: r.id('gridId'),
    note: r.text('note', { max: 1000 }),
  };
  if (!partial && (value.lat == null) !== (value.lng == null) && !r.problems.some((p) => p.field.endsWith('lat') || p.field.endsWith('lng'))) {
    r.add(value.lat == null ? 'lat' : 'lng', 'REQUIRED');
  }
  if (value.buildYear && value.renovationYear && value.renovationYear < value.buildYear) r.add('renovationYear', 'OUT_OF_RANGE', { min: value.buildYear, max: year + 5 });
  for (const k of Object.keys(value) as (keyof CompoundValue)[]) if (value[k] === undefined) delete value[k];
  return { value, problems: r.problems };
}

/**
 * Checks a new compound (from JSON or a spreadsheet row) against the rules that need no database:
 * required fields, code lists (code or Chinese label), year and coordinate ranges. Reference checks
 * (community level, grid of the same community, scope) happen in the service.
 */
export function validateCompoundInput(input: RawInput, today: string): { value: CompoundValue; problems: FieldProblem[] } {
  const { value, problems } = readCompound(input, today, false);
  return { value: value as CompoundValue, problems };
}

/** Checks a compound PATCH: only the fields present; the community cannot change. */
export function validateCompoundPatch(input: RawInput, today: string): { value: Partial<CompoundValue>; problems: FieldProblem[] } {
  return readCompound(input, today, true);
}
