import type { FieldProblem } from '../../../shared/errors.ts';
import { HOUSEHOLD_STATUS_LABELS, type HouseholdStatus } from '../../../shared/registry-codes.ts';
import { makeReader, type RawInput } from './input.ts';

/** A household (户): one dwelling of a compound, optionally in a building. */
export interface Household {
  id: string;
  compoundId: string;
  buildingId: string | null;
  scopePath: string;
  unit: string | null;
  room: string;
  status: HouseholdStatus;
  headResidentId: string | null;
  gridId: string | null;
  area: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields a caller sets on a household, checked. */
export interface HouseholdValue {
  id: string | null;
  compoundId: string;
  buildingId: string | null;
  /** Building by name (imports): resolved, or created, within the compound when buildingId is absent. */
  buildingName: string | null;
  unit: string | null;
  room: string;
  status: HouseholdStatus;
  headResidentId: string | null;
  gridId: string | null;
  area: number | null;
}

function readHousehold(input: RawInput, partial: boolean): { value: Partial<HouseholdValue>; problems: FieldProblem[] } {
  const r = makeReader(input, { partial });
  const value: Partial<HouseholdValue> = {
    id: partial ? undefined : r.id('id'),
    compoundId: partial ? undefined : r.id('compoundId', { required: true }) ?? undefined,
    buildingId: r.id('buildingId'),
    buildingName: partial ? undefined : r.text('buildingName', { max: 30 }),
    unit: r.text('unit', { max: 10 }),
    room: r.text('room', { required: true, max: 20 }) ?? undefined,
    status: r.code('status', HOUSEHOLD_STATUS_LABELS) ?? (partial && input.status === undefined ? undefined : 'resident'),
    headResidentId: partial ? r.id('headResidentId') : undefined,
    gridId: r.id('gridId'),
    area: r.num('area', { min: 0, max: 100000 }),
  };
  if (!partial) value.headResidentId = null;
  for (const k of Object.keys(value) as (keyof HouseholdValue)[]) if (value[k] === undefined) delete value[k];
  return { value, problems: r.problems };
}

/**
 * Checks a new household (from JSON or a spreadsheet row): compound, room, status (code or Chinese label), area.
 * The head resident is set later by PATCH, once residents exist; building and grid are checked in the service.
 */
export function validateHouseholdInput(input: RawInput): { value: HouseholdValue; problems: FieldProblem[] } {
  const { value, problems } = readHousehold(input, false);
  return { value: value as HouseholdValue, problems };
}

/** Checks a household PATCH (only the fields present; the compound cannot change). */
export function validateHouseholdPatch(input: RawInput): { value: Partial<HouseholdValue>; problems: FieldProblem[] } {
  return readHousehold(input, true);
}

/** A household's display label, e.g. `3幢2单元301室`; digits get their 单元/室 suffix. */
export function householdLabel(buildingName: string | null, unit: string | null, room: string): string {
  const u = unit ? (/^\d+$/.test(unit) ? unit + '单元' : unit) : '';
  const rm = /^\d+$/.test(room) ? room + '室' : room;
  return (buildingName ?? '') + u + rm;
}
