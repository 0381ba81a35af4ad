import crypto from 'node:crypto';
import { inTx, type Db } from '../../db/database.ts';
import type { Ctx } from '../../lib/context.ts';
import { todayCst } from '../../lib/clock.ts';
import { DomainError } from '../../../shared/errors.ts';
import { maskName } from '../../../shared/mask.ts';
import { ageOn, parseIdNumber } from '../../../shared/validators/idcard.ts';
import { requireScopes } from '../accounts/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { importPermissions } from './import.places.ts';
import { columnOfField } from './import.registry.ts';
import type { ImportPlan, ImportReport, ImportRow, PlanContext, Planner } from './import.types.ts';
import { planCompounds } from './import.compounds.ts';
import { planHouseholds } from './import.households.ts';
import { planResidents } from './import.residents.ts';
import { ENTITY_SPECS, optionLabel, type ColumnSpec, type EntitySpec, type ImportEntity } from './transfer.columns.ts';
import { withDataSheet } from './transfer.read.ts';
import { cellText, convertCell, displayValue, looksLikeHeader, mapHeader, problemMessage, type HeaderMap, type ImportProblem, type RawRow } from './transfer.ts';

/** At most this many data rows per file. */
export const MAX_IMPORT_ROWS = 200_000;
/** At most this many problems are listed in a JSON answer (all are counted). */
export const MAX_LISTED_PROBLEMS = 1000;
/** Rows shown in the preview (they keep their raw cells). */
const PREVIEW_ROWS = 20;
/** At most this many problems are kept for the .xlsx report. */
const MAX_KEPT_PROBLEMS = 100_000;

const PLANNERS: Record<ImportEntity, Planner> = { compounds: planCompounds, households: planHouseholds, residents: planResidents };

/** A file read and converted, before any database lookup. */
interface ReadFile {
  spec: EntitySpec;
  sheet: string;
  header: HeaderMap | null;
  headerRow: number;
  rows: ImportRow[];
  sink: ProblemSink;
}

/** Collects problems and warnings, marks failed rows, keeps the report bounded. */
interface ProblemSink {
  problems: ImportProblem[];
  warnings: ImportProblem[];
  count: number;
  sheet: string;
  header: HeaderMap | null;
  add(p: ImportProblem): void;
  /** A problem on a row's cell, with the cell's masked value; zhEn replaces the catalogue message. */
  onRow(row: ImportRow, key: string | null, code: string, params?: Record<string, string | number>, zhEn?: { zh: string; en: string }): void;
}

function problemSink(spec: EntitySpec): ProblemSink {
  const sink: ProblemSink = {
    problems: [],
    warnings: [],
    count: 0,
    sheet: '',
    header: null,
    add(p) {
      sink.count++;
      if (sink.problems.length < MAX_KEPT_PROBLEMS) sink.problems.push(p);
    },
    onRow(row, key, code, params = {}, zhEn) {
      row.failed = true;
      if (key) (row.bad ??= []).push(key);
      const col = key ? spec.columns.find((c) => c.key === key) : undefined;
      const idx = key ? sink.header?.index.get(key) : undefined;
      const shown = idx === undefined ? '' : row.cells ? displayValue(col, row.cells[idx] ?? null) : displayConverted(col, row.values[key!]);
      const m = zhEn ? { code, ...zhEn } : problemMessage(code as never, params);
      sink.add({ sheet: sink.sheet, row: row.row, column: key ? (sink.header?.label.get(key) ?? col?.zh ?? key) : '', value: shown, code: m.code, zh: m.zh, en: m.en });
    },
  };
  return sink;
}

/** A converted value as shown in a problem (rows past the preview no longer hold their raw cells). */
function displayConverted(col: ColumnSpec | undefined, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (col?.options) return (Array.isArray(v) ? v : [v]).map((x) => optionLabel(col.options!, String(x))).join(',');
  return displayValue(col, typeof v === 'number' || typeof v === 'boolean' ? v : String(v));
}

function fileProblem(sink: ProblemSink, row: number, column: string, code: string, params: Record<string, string | number>): void {
  const m = problemMessage(code as never, params);
  sink.add({ sheet: sink.sheet, row, column, value: '', code: m.code, zh: m.zh, en: m.en });
}

/** Reads the data sheet, maps the header and converts every cell; no database access. */
async function readFile(entity: ImportEntity, buf: Buffer, fileName: string): Promise<ReadFile> {
  const spec = ENTITY_SPECS[entity];
  const sink = problemSink(spec);
  const got = await withDataSheet(buf, fileName, (h) => looksLikeHeader(spec, h.cells), async (sheet, head: RawRow, rest) => {
    const header = mapHeader(spec, head.cells);
    sink.sheet = sheet;
    sink.header = header;
    for (const u of header.unknown) sink.warnings.push({ sheet, row: head.row, column: u, value: '', ...problemMessage('UNKNOWN_COLUMN', { column: u }) });
    for (const d of header.duplicate) sink.warnings.push({ sheet, row: head.row, column: d, value: '', ...problemMessage('DUPLICATE_COLUMN', { column: d }) });
    for (const c of header.missing) fileProblem(sink, head.row, c.zh, 'MISSING_COLUMN', { column: c.zh });
    const rows: ImportRow[] = [];
    let tooMany = false;
    for (let r = await rest.next(); !r.done; r = await rest.next()) {
      if (rows.length >= MAX_IMPORT_ROWS) {
        tooMany = true;
        continue;
      }
      const row: ImportRow = { row: r.value.row, cells: r.value.cells, values: {}, bad: null, failed: header.missing.length > 0 };
      if (header.missing.length === 0) {
        for (const c of spec.columns) {
          const idx = header.index.get(c.key);
          if (idx === undefined) continue;
          const v = convertCell(c, r.value.cells[idx] ?? null);
          if (v.ok) row.values[c.key] = v.value;
          else {
            row.values[c.key] = null;
            sink.onRow(row, c.key, v.code, v.params ?? {});
          }
        }
      }
      if (rows.length >= PREVIEW_ROWS) row.cells = null;
      rows.push(row);
    }
    if (tooMany) fileProblem(sink, head.row, '', 'TOO_MANY_ROWS', { max: MAX_IMPORT_ROWS });
    if (rows.length === 0) fileProblem(sink, head.row, '', 'NO_ROWS', {});
    return { sheet, header, headerRow: head.row, rows };
  });
  if (!got) {
    const example = spec.columns.filter((c) => c.required).map((c) => c.zh).join('、');
    fileProblem(sink, 1, '', 'NO_HEADER', { example });
    return { spec, sheet: '', header: null, headerRow: 1, rows: [], sink };
  }
  return { spec, ...got, sink };
}

/** Thrown inside the commit transaction to roll it back when a registry bulk insert refused rows. */
class BulkRefused extends Error {}

function planContext(db: Db, ctx: Ctx, file: ReadFile): PlanContext {
  return {
    db,
    ctx,
    today: todayCst(ctx.clock),
    spec: file.spec,
    problem: (row, key, code, params, zhEn) => file.sink.onRow(row, key, code, params, zhEn),
    async bulk(rows, f) {
      try {
        return await f();
      } catch (e) {
        if (!(e instanceof DomainError) || e.code !== 'VALIDATION_FAILED') throw e;
        for (const p of e.fields) {
          const i = Number(/^rows\.(\d+)\./.exec(p.field)?.[1] ?? -1);
          const key = columnOfField(p.field);
          file.sink.add({ sheet: file.sheet, row: rows[i] ?? 0, column: file.header?.label.get(key) ?? key, value: '', code: p.code, zh: p.zh, en: p.en });
        }
        throw new BulkRefused();
      }
    },
  };
}

function checkPermissions(ctx: Ctx, entity: ImportEntity): void {
  for (const p of importPermissions(entity)) requireScopes(ctx.actor, p);
}

function previewOf(file: ReadFile, today: string): ImportReport['preview'] {
  if (!file.header) return [];
  const header = file.header;
  const idIdx = header.index.get('idNumber');
  const nameIdx = header.index.get('name');
  return file.rows.slice(0, PREVIEW_ROWS).map((r) => {
    const cells = r.cells ?? [];
    const values: Record<string, string> = {};
    for (const c of file.spec.columns) {
      const idx = header.index.get(c.key);
      if (idx === undefined) continue;
      values[header.label.get(c.key)!] = displayValue(c, cells[idx] ?? null);
    }
    // Names of children under 14 are sensitive (PIPL art. 28): masked like ID numbers.
    if (file.spec.entity === 'residents' && idIdx !== undefined && nameIdx !== undefined) {
      const id = parseIdNumber(cellText(cells[idIdx] ?? null), today);
      if (id.ok && ageOn(id.value.birthDate, today) < 14) values[header.label.get('name')!] = maskName(cellText(cells[nameIdx] ?? null));
    }
    return { row: r.row, values };
  });
}
function reportOf(file: ReadFile, fileName: string, today: string): ImportReport {
  const order = new Map(file.spec.columns.map((c, i) => [file.header?.label.get(c.key) ?? c.zh, i]));
  const sorted = [...file.sink.problems].sort((a, b) => a.row - b.row || (order.get(a.column) ?? -1) - (order.get(b.column) ?? -1));
  file.sink.problems = sorted;
  return {
    entity: file.spec.entity,
    fileName,
    sheet: file.sheet,
    rows: file.rows.length,
    valid: file.rows.filter((r) => !r.failed).length,
    problemCount: file.sink.count,
    problems: sorted.slice(0, MAX_LISTED_PROBLEMS),
    warnings: file.sink.warnings,
    preview: previewOf(file, today),
  };
}

/** Checks a file without writing anything; answers the full report (problems are data, not an error). */
export async function dryRunImport(db: Db, ctx: Ctx, entity: ImportEntity, buf: Buffer, fileName: string): Promise<ImportReport & { allProblems: ImportProblem[] }> {
  checkPermissions(ctx, entity);
  const file = await readFile(entity, buf, fileName);
  if (file.header && file.header.missing.length === 0 && file.rows.length > 0) await PLANNERS[entity](planContext(db, ctx, file), file.rows);
  const report = reportOf(file, fileName, todayCst(ctx.clock));
  return { ...report, allProblems: file.sink.problems };
}

/** Validates again and, only when there is no problem at all, writes every row in one transaction with one audit entry. */
export async function commitImport(db: Db, ctx: Ctx, entity: ImportEntity, buf: Buffer, fileName: string): Promise<{ written: number; rows: number }> {
  checkPermissions(ctx, entity);
  const file = await readFile(entity, buf, fileName);
  const fail = () => {
    const r = reportOf(file, fileName, todayCst(ctx.clock));
    return new DomainError('IMPORT_INVALID', { count: r.problemCount }, [], { problemCount: r.problemCount, problems: r.problems, warnings: r.warnings, rows: r.rows, valid: r.valid });
  };
  if (file.sink.count > 0 || !file.header) throw fail();
  const sha256 = crypto.createHash('sha256').update(buf).digest('hex');
  try {
    return await inTx(db, async (tx) => {
      const plan: ImportPlan = await PLANNERS[entity](planContext(tx, ctx, file), file.rows);
      if (file.sink.count > 0) throw new BulkRefused();
      const written = await plan.write(tx);
      await recordAudit(tx, ctx, {
        action: 'import.commit',
        objectType: entity,
        scopePath: plan.scopePath(),
        detail: { entity, rows: file.rows.length, written, fileName, sha256 },
      });
      return { written, rows: file.rows.length };
    });
  } catch (e) {
    if (e instanceof BulkRefused) throw fail();
    throw e;
  }
}
