import type { FieldProblem } from '../../../shared/errors.ts';
import { makeReader, type RawInput } from './input.ts';

/** A building (楼栋) of a compound. */
export interface Building {
  id: string;
  compoundId: string;
  scopePath: string;
  name: string;
  floors: number | null;
  units: number | null;
  builtYear: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields a caller sets on a building, checked. */
export interface BuildingValue {
  id: string | null;
  name: string;
  floors: number | null;
  units: number | null;
  builtYear: number | null;
}

/** Checks a building (full for create, partial for PATCH); names look like "3幢" or "3号楼". */
export function validateBuildingInput(input: RawInput, today: string, partial = false): { value: Partial<BuildingValue>; problems: FieldProblem[] } {
  const r = makeReader(input, { partial });
  const value: Partial<BuildingValue> = {
    id: partial ? undefined : r.id('id'),
    name: r.text('name', { required: true, max: 30 }) ?? undefined,
    floors: r.num('floors', { min: 1, max: 200, integer: true }),
    units: r.num('units', { min: 1, max: 50, integer: true }),
    builtYear: r.num('builtYear', { min: 1900, max: Number(today.slice(0, 4)), integer: true }),
  };
  for (const k of Object.keys(value) as (keyof BuildingValue)[]) if (value[k] === undefined) delete value[k];
  return { value, problems: r.problems };
}
