import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FieldProblem } from '../../../shared/errors.ts';
import {
  bulkCreateCompounds, bulkCreateHouseholds, bulkCreateResidents, bulkSetHouseholdHeads, validateCompoundInput, validateHouseholdInput, validateResidentInput,
  type CompoundValue, type HouseholdValue, type ResidentValue,
} from '../registry/index.ts';
import { isBad, type ImportRow, type PlanContext } from './import.types.ts';

/**
 * The seam between imports and the registry: the registry's row validators (problems mapped back to the file's
 * columns) and its bulk inserts, which check scope again, seal personal data and write one audit entry per batch
 * in the caller's transaction.
 */

/** Registry fields the import resolves itself (references); the validators' problems on them are dropped. */
const RESOLVED_FIELDS = new Set(['id', 'communityId', 'compoundId', 'householdId', 'buildingId', 'gridId', 'headResidentId']);

/** Registry field → column key where the names differ. */
const FIELD_TO_COLUMN: Record<string, string> = { protectedTags: 'tags', buildingName: 'building', gender: 'idNumber', birthDate: 'idNumber', headResidentId: 'relation', householdId: 'room', compoundId: 'compoundName', communityId: 'communityCode', gridId: 'gridCode', buildingId: 'building' };

/** The column key a registry field problem belongs to (`rows.3.idNumber` or `idNumber`). */
export function columnOfField(field: string): string {
  const plain = field.replace(/^rows\.\d+\./, '');
  return FIELD_TO_COLUMN[plain] ?? plain;
}

function report(pc: PlanContext, r: ImportRow, problems: readonly FieldProblem[]): void {
  for (const p of problems) {
    if (RESOLVED_FIELDS.has(p.field)) continue;
    const key = columnOfField(p.field);
    if (isBad(r, key)) continue;
    pc.problem(r, key, p.code, {}, { zh: p.zh, en: p.en });
  }
}

function given(v: unknown): unknown {
  return v === undefined ? null : v;
}

/** Validates a resident row with the registry's rules; null when the row cannot become a resident. */
export function validateResident(pc: PlanContext, r: ImportRow): ResidentValue | null {
  const v = r.values;
  const { value, problems } = validateResidentInput({
    name: given(v.name), idNumber: given(v.idNumber), phone: given(v.phone), politicalStatus: given(v.politicalStatus),
    relation: given(v.relation), protectedTags: given(v.tags),
  }, pc.today);
  report(pc, r, problems);
  return typeof value.name === 'string' ? value : null;
}

/** Validates a compound row with the registry's rules. */
export function validateCompound(pc: PlanContext, r: ImportRow): CompoundValue | null {
  const v = r.values;
  const { value, problems } = validateCompoundInput({
    name: given(v.name), address: given(v.address), housingType: given(v.housingType), buildYear: given(v.buildYear), buildingCount: given(v.buildingCount),
    householdCount: given(v.householdCount), floorArea: given(v.floorArea), enclosed: given(v.enclosed), feeCollectionRate: given(v.feeCollectionRate),
    renovationYear: given(v.renovationYear), propertyMode: given(v.propertyMode), lat: given(v.lat), lng: given(v.lng),
  }, pc.today);
  report(pc, r, problems);
  return typeof value.name === 'string' && value.housingType && value.propertyMode ? value : null;
}

/** Validates a household row with the registry's rules. */
export function validateHousehold(pc: PlanContext, r: ImportRow): HouseholdValue | null {
  const v = r.values;
  const { value, problems } = validateHouseholdInput({ unit: given(v.unit), room: given(v.room), status: given(v.status), area: given(v.area), buildingName: given(v.building) });
  report(pc, r, problems);
  return typeof value.room === 'string' ? value : null;
}

/** One batch handed to a registry bulk insert, with the spreadsheet row of each element (to map problems back). */
export interface Batch<T> {
  values: T[];
  rows: number[];
}

/** Inserts compounds (one audit entry); problems come back as IMPORT_INVALID on the file's rows. */
export async function createCompounds(tx: Transaction<Database>, pc: PlanContext, b: Batch<CompoundValue>): Promise<void> {
  await pc.bulk(b.rows, () => bulkCreateCompounds(tx, pc.ctx, b.values));
}

/** Inserts households and the buildings they name (one audit entry). */
export async function createHouseholds(tx: Transaction<Database>, pc: PlanContext, b: Batch<HouseholdValue>): Promise<void> {
  await pc.bulk(b.rows, () => bulkCreateHouseholds(tx, pc.ctx, b.values));
}

/** Seals and inserts residents (one audit entry). */
export async function createResidents(tx: Transaction<Database>, pc: PlanContext, b: Batch<ResidentValue>): Promise<void> {
  await pc.bulk(b.rows, () => bulkCreateResidents(tx, pc.ctx, b.values));
}

/** Makes the imported 户主 rows the heads of their households (one audit entry). */
export async function setHouseholdHeads(tx: Transaction<Database>, pc: PlanContext, b: Batch<{ householdId: string; residentId: string }>): Promise<void> {
  await pc.bulk(b.rows, () => bulkSetHouseholdHeads(tx, pc.ctx, b.values));
}
