import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { inTx, type Db } from '../../db/database.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { requireScopes, scopesFor, type Actor } from '../accounts/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { commonPath } from './import.places.ts';
import { writeExport, type ExportColumn } from './transfer.xlsx.ts';
import { ORG_EXPORT_SOURCES } from './export.orgs.ts';
import { auditExport } from './export.audit.ts';
import { BUILTIN_EXPORT_SOURCES } from './export.sources.ts';

/** At most this many rows per export file. */
export const MAX_EXPORT_ROWS = 200_000;
/** Rows fetched per page while streaming an export. */
const PAGE_SIZE = 1000;

/**
 * Where an export's rows come from: a list function that already applies the caller's data scope and masking,
 * the filters it accepts (the list endpoint's query keys), and the columns to write.
 */
export interface ExportSource<T = unknown, F = Record<string, unknown>> {
  entity: string;
  /** Sheet and file name in Chinese. */
  sheetZh: string;
  /** Read permission the list itself needs (besides export.run). */
  permission: Permission;
  /** Reads the list endpoint's filters from the query string; throws VALIDATION_FAILED on bad values. */
  parseFilter(query: Record<string, unknown>): F;
  /** One page of rows the (narrowed) caller may list, with the total. */
  fetchPage(db: Db, ctx: Ctx, filter: F, page: number, pageSize: number): Promise<{ items: readonly T[]; total: number }>;
  /** Columns; values must already be masked (ID numbers, phones, minors' names). */
  columns: readonly ExportColumn<T>[];
}

const sources = new Map<string, ExportSource<any, any>>([...BUILTIN_EXPORT_SOURCES, ...ORG_EXPORT_SOURCES, auditExport].map((s) => [s.entity, s]));

/** Adds an export source (orgs, positions, pairings, five-ones…); the entity name becomes `/api/exports/<entity>.xlsx`. */
export function registerExportSource<T, F>(source: ExportSource<T, F>): void {
  sources.set(source.entity, source as ExportSource<any, any>);
}

/** The entities that can be exported. */
export function exportEntities(): string[] {
  return [...sources.keys()];
}

/**
 * The actor restricted to the places where it may export: each grant keeps its permissions only where an
 * export.run scope covers it, so the list functions return exactly the rows the caller may both list and export.
 */
export function narrowToExportScopes(actor: Actor): Actor {
  const exportScopes = scopesFor(actor, 'export.run');
  const grants = actor.grants.flatMap((g) =>
    exportScopes.flatMap((e) => {
      if (g.scopePath.startsWith(e)) return [g];
      if (e.startsWith(g.scopePath)) return [{ ...g, scopePath: e }];
      return [];
    }),
  );
  return { ...actor, grants };
}

/** An export checked, counted and audited, ready to stream. */
export interface PreparedExport {
  source: ExportSource<any, any>;
  filter: unknown;
  total: number;
  firstPage: readonly unknown[];
  ctx: Ctx;
  maxRows: number;
}

/** Checks permissions and size, then records the audit entry (before any byte leaves the server). */
export async function prepareExport(db: Db, ctx: Ctx, entity: string, query: Record<string, unknown>, opts: { maxRows?: number } = {}): Promise<PreparedExport> {
  const maxRows = opts.maxRows ?? MAX_EXPORT_ROWS;
  const source = sources.get(entity);
  if (!source) throw new DomainError('NOT_FOUND');
  const exportScopes = requireScopes(ctx.actor, 'export.run');
  requireScopes(ctx.actor, source.permission);
  const narrowed: Ctx = { ...ctx, actor: narrowToExportScopes(ctx.actor) };
  if (scopesFor(narrowed.actor, source.permission).length === 0) throw new DomainError('FORBIDDEN', { permission: source.permission });
  const filter = source.parseFilter(query);
  const first = await source.fetchPage(db, narrowed, filter, 1, PAGE_SIZE);
  if (first.total > maxRows) throw new DomainError('EXPORT_TOO_LARGE', { count: first.total, max: maxRows });
  await inTx(db, (tx) =>
    recordAudit(tx, ctx, {
      action: 'export.run',
      objectType: entity,
      scopePath: commonPath(exportScopes),
      detail: { entity, filters: filter as Record<string, unknown>, rows: first.total },
    }),
  );
  return { source, filter, total: first.total, firstPage: first.items, ctx: narrowed, maxRows };
}

function cstStamp(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Streams a prepared export as .xlsx into out, page by page; returns the number of rows written. */
export async function writePreparedExport(db: Db, prepared: PreparedExport, out: Writable): Promise<number> {
  const { source, filter, ctx } = prepared;
  const who = ctx.actor.displayName && ctx.actor.displayName !== ctx.actor.username ? `${ctx.actor.displayName}（${ctx.actor.username}）` : ctx.actor.username;
  const title = `${source.sheetZh} · 导出人 ${who} · ${cstStamp(ctx.clock.now())} · 仅限工作使用`;
  async function* pages() {
    let seen = prepared.firstPage.length;
    yield prepared.firstPage;
    for (let page = 2; seen < prepared.total && seen < prepared.maxRows; page++) {
      const r = await source.fetchPage(db, ctx, filter, page, PAGE_SIZE);
      if (r.items.length === 0) break;
      const items = r.items.slice(0, prepared.maxRows - seen);
      seen += items.length;
      yield items;
    }
  }
  return writeExport(out, { sheet: source.sheetZh, title, columns: source.columns, pages: pages() });
}

/**
 * Checks, audits and writes an export in one call (the CLI's entry point; the route streams in two steps).
 * `out` is a writable stream (ended when done) or a file path.
 */
export async function exportToXlsx(db: Db, ctx: Ctx, entity: string, query: Record<string, unknown>, out: Writable | string): Promise<{ rows: number }> {
  const prepared = await prepareExport(db, ctx, entity, query);
  if (typeof out !== 'string') return { rows: await writePreparedExport(db, prepared, out) };
  const file = fs.createWriteStream(out, { mode: 0o600 });
  const rows = await writePreparedExport(db, prepared, file);
  await finished(file);
  return { rows };
}
