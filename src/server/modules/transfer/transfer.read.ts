import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { DomainError } from '../../../shared/errors.ts';
import { parseCsv, decodeText, type RawCell, type RawRow } from './transfer.ts';

/** The kinds of file an import accepts, told apart by their first bytes rather than by name. */
export type FileKind = 'xlsx' | 'csv';

/** One sheet of an uploaded file: its name and its non-empty rows in order (header included). */
export interface SheetRows {
  sheet: string;
  rows: AsyncIterable<RawRow>;
}

/** Tells .xlsx (a zip) from text; refuses the old binary .xls and other binaries with a message saying what to do. */
export function detectKind(buf: Buffer): FileKind {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return 'xlsx';
  if (buf.length >= 4 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) {
    throw new DomainError('FILE_UNREADABLE', { detail: '旧版 .xls 格式不受支持，请在 Excel 中另存为 .xlsx 或 CSV / the old .xls format is not supported; save as .xlsx or CSV' });
  }
  if (buf.length === 0) throw new DomainError('FILE_UNREADABLE', { detail: '文件为空 / the file is empty' });
  return 'csv';
}

/** Flattens an exceljs cell value (rich text, formula, hyperlink, error) to a plain value. */
export function plainCell(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in o) return plainCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('text' in o) return plainCell(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

function isEmptyRow(cells: RawCell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** Decodes a byte stream as UTF-8 without breaking characters split across chunks. */
async function* utf8Text(src: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const d = new StringDecoder('utf8');
  for await (const c of src) {
    const s = typeof c === 'string' ? c : d.write(c);
    if (s) yield s;
  }
  const rest = d.end();
  if (rest) yield rest;
}

type ReaderInternals = {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
};

/**
 * exceljs 4.4's streaming reader decodes every zip chunk on its own, so a Chinese character split between two
 * chunks turns into U+FFFD (seen on large files). Feeding it already-decoded text fixes that.
 */
class Utf8SafeWorkbookReader extends (ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: Readable, options: object) => ReaderInternals & AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader>) {
  override _parseSharedStrings(entry: NodeJS.ReadableStream) {
    return super._parseSharedStrings(Readable.from(utf8Text(entry as AsyncIterable<Buffer>)));
  }
  override _parseWorkbook(entry: NodeJS.ReadableStream) {
    return super._parseWorkbook(Readable.from(utf8Text(entry as AsyncIterable<Buffer>)));
  }
  override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return super._parseWorksheet(utf8Text(iterator), sheetNo);
  }
}

/** Streams the worksheets of an .xlsx without holding the workbook in memory; every sheet is read to its end. */
async function* xlsxSheets(buf: Buffer): AsyncGenerator<{ name: string; rows: AsyncIterable<RawRow> }> {
  const reader = new Utf8SafeWorkbookReader(Readable.from([buf]), {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const ws of reader) {
    const name = (ws as unknown as { name?: string }).name ?? 'Sheet1';
    async function* rows(): AsyncGenerator<RawRow> {
      for await (const row of ws) {
        const values = row.values as unknown[];
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
        if (!isEmptyRow(cells)) yield { row: row.number, cells };
      }
    }
    yield { name, rows: rows() };
  }
}

/**
 * Calls `use` with the first sheet whose header row `accept`s; the other sheets are drained unread.
 * CSV files have one sheet named after the file. Unreadable input becomes FILE_UNREADABLE.
 */
export async function withDataSheet<T>(
  buf: Buffer,
  fileName: string,
  accept: (header: RawRow) => boolean,
  use: (sheet: string, header: RawRow, rest: AsyncIterator<RawRow>) => Promise<T>,
): Promise<T | null> {
  const kind = detectKind(buf);
  try {
    if (kind === 'csv') {
      const rows = parseCsv(decodeText(buf));
      const it = (async function* () { yield* rows; })();
      const first = await it.next();
      if (first.done || !accept(first.value)) return null;
      return await use(csvSheetName(fileName), first.value, it);
    }
    let result: T | null = null;
    let done = false;
    for await (const s of xlsxSheets(buf)) {
      const it = s.rows[Symbol.asyncIterator]();
      if (!done) {
        const first = await it.next();
        if (!first.done && accept(first.value)) {
          result = await use(s.name, first.value, it);
          done = true;
        }
      }
      for (let r = await it.next(); !r.done; r = await it.next()) { /* drain */ }
    }
    return result;
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('FILE_UNREADABLE', { detail: `不是有效的 Excel 文件 / not a valid Excel file (${(e as Error).message?.slice(0, 120) ?? 'error'})` });
  }
}

/** The "sheet" name shown for a CSV file: the file name without its extension. */
export function csvSheetName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return base || 'CSV';
}
