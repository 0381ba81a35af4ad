import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { Ctx } from '../../lib/context.ts';
import type { FieldProblemCode } from '../../../shared/field-problems.ts';
import type { EntitySpec, ImportEntity } from './transfer.columns.ts';
import type { ImportProblem, ImportProblemCode, RawCell } from './transfer.ts';

/** One data row after its cells were converted by the column specs. */
export interface ImportRow {
  /** Row number as Excel shows it. */
  row: number;
  /** The cells as read; kept only for the first rows (preview), dropped after conversion to save memory. */
  cells: RawCell[] | null;
  /** Converted value by column key; null for blank; absent when the column is not in the file. */
  values: Record<string, unknown>;
  /** Keys whose cell already has a problem (later checks skip them); null while there is none. */
  bad: string[] | null;
  /** Whether the row has any problem. */
  failed: boolean;
}

/** Whether the row's cell for key already has a problem. */
export function isBad(r: ImportRow, key: string): boolean {
  return r.bad !== null && r.bad.includes(key);
}

/** What a planner gets: the database (or the commit transaction), the caller and a problem sink. */
export interface PlanContext {
  db: Db;
  ctx: Ctx;
  /** Today in China (YYYY-MM-DD). */
  today: string;
  spec: EntitySpec;
  /**
   * Reports a problem on a row's cell (key = column key; null for the whole row).
   * zhEn overrides the catalogue message for the case where the two languages need different parameters.
   */
  problem(row: ImportRow, key: string | null, code: FieldProblemCode | ImportProblemCode | string, params?: Record<string, string | number>, zhEn?: { zh: string; en: string }): void;
  /**
   * Runs a registry bulk insert; its VALIDATION_FAILED (fields `rows.<i>.<field>`, i indexing `rows`) becomes
   * IMPORT_INVALID on those spreadsheet rows, so a race with another writer still reports row and column.
   */
  bulk<T>(rows: readonly number[], f: () => Promise<T>): Promise<T>;
}

/** The result of planning: writes nothing until run in the commit transaction. */
export interface ImportPlan {
  /** Performs every insert in the given transaction and returns the number of rows written. */
  write(tx: Transaction<Database>): Promise<number>;
  /** The common scope path of the places written (anchors the audit entry). */
  scopePath(): string;
}

/** Resolves, validates and plans one entity's rows; problems go to the context. */
export type Planner = (pc: PlanContext, rows: ImportRow[]) => Promise<ImportPlan>;

/** The answer of a dry run (and the body of IMPORT_INVALID). */
export interface ImportReport {
  entity: ImportEntity;
  fileName: string;
  sheet: string;
  /** Data rows read (header excluded, empty rows skipped). */
  rows: number;
  /** Rows without any problem. */
  valid: number;
  /** Number of problems; `problems` lists at most the first 1000. */
  problemCount: number;
  problems: ImportProblem[];
  warnings: ImportProblem[];
  /** The first 20 data rows as header → displayed value (ID numbers, phones and minors' names masked). */
  preview: { row: number; values: Record<string, string> }[];
}
