import { FIELD_PROBLEMS, type FieldProblemCode } from '../../../shared/field-problems.ts';
import { maskIdNumber, maskPhone } from '../../../shared/mask.ts';
import { normalizeMobile } from '../../../shared/validators/phone.ts';
import type { ColumnSpec, EntitySpec } from './transfer.columns.ts';

/** A cell as read from a sheet: Excel keeps numbers, dates and booleans typed; CSV gives text only. */
export type RawCell = string | number | boolean | Date | null;

/** One non-empty row with its row number as the spreadsheet shows it (1-based). */
export interface RawRow {
  row: number;
  cells: RawCell[];
}

/** One problem in an import file, located the way a person finds it in Excel. */
export interface ImportProblem {
  sheet: string;
  /** Row number as Excel shows it (1-based; the header is usually row 1). */
  row: number;
  /** The header text of the column, or '' for a problem with the whole row or file. */
  column: string;
  /** The offending value as text; ID numbers and phones are masked. */
  value: string;
  code: string;
  zh: string;
  en: string;
}

/** Messages for problems that only imports have; other codes come from the shared field-problem catalogue. */
export const IMPORT_PROBLEMS = {
  MISSING_COLUMN: { zh: '缺少必需的列：{column}', en: 'A required column is missing: {column}' },
  UNKNOWN_COLUMN: { zh: '未识别的列，已忽略：{column}', en: 'Unrecognised column, ignored: {column}' },
  DUPLICATE_COLUMN: { zh: '列重复出现，只使用第一列：{column}', en: 'The column appears twice; only the first is used: {column}' },
  NO_HEADER: { zh: '未找到表头：第一行应为列名（如 {example}），请使用导入模板', en: 'No header row found: the first row must hold the column names (e.g. {example}); use the import template' },
  NO_ROWS: { zh: '文件中没有数据行', en: 'The file has no data rows' },
  TOO_MANY_ROWS: { zh: '单个文件最多 {max} 行，请拆分后分批导入', en: 'At most {max} rows per file; split the file and import it in parts' },
  ID_AS_NUMBER: { zh: '身份证号被 Excel 存成了数字（末几位可能已丢失），请把该列设置为“文本”格式后重新填写', en: 'Excel stored the ID number as a number (the last digits may be lost); format the column as Text and enter the numbers again' },
  HEAD_EXISTS: { zh: '该户已有户主，同一户只能有一名户主', en: 'The household already has a head; a household has only one head' },
} as const;

/** Import-only problem code. */
export type ImportProblemCode = keyof typeof IMPORT_PROBLEMS;

function fill(t: string, params: Record<string, string | number>): string {
  return t.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** The zh/en messages of a problem code from either catalogue; ID_AS_NUMBER is reported under the code ID_FORMAT. */
export function problemMessage(code: FieldProblemCode | ImportProblemCode, params: Record<string, string | number> = {}): { code: string; zh: string; en: string } {
  const m = code in IMPORT_PROBLEMS ? IMPORT_PROBLEMS[code as ImportProblemCode] : (FIELD_PROBLEMS[code as FieldProblemCode] ?? { zh: code, en: code });
  return { code: code === 'ID_AS_NUMBER' ? 'ID_FORMAT' : code, zh: fill(m.zh, params), en: fill(m.en, params) };
}

// ---- text decoding and CSV ----

/** Decodes CSV bytes: UTF-8 (BOM stripped) when valid, UTF-16 with a BOM, otherwise GB18030 (Chinese Excel's "CSV"). */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/**
 * Parses CSV (RFC 4180: quoted fields, doubled quotes, separators and newlines inside quotes; CRLF, LF or CR).
 * The separator is a comma, or a tab when the first line has tabs and no commas. Row numbers count records
 * as Excel shows them; empty records are skipped but counted.
 */
export function* parseCsv(text: string): Generator<RawRow> {
  const firstLine = text.slice(0, Math.max(0, text.search(/\r|\n/)) || text.length);
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const n = text.length;
  let i = 0;
  let rowNo = 0;
  while (i < n) {
    const cells: RawCell[] = [];
    rowNo++;
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) { field += text.slice(i); i = n; break; }
          field += text.slice(i, q);
          if (text[q + 1] === '"') { field += '"'; i = q + 2; continue; }
          i = q + 1;
          break;
        }
        // Text after a closing quote up to the separator belongs to the field (lenient, like Excel).
        while (i < n && text[i] !== sep && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      } else {
        let j = i;
        while (j < n && text[j] !== sep && text[j] !== '\n' && text[j] !== '\r') j++;
        field = text.slice(i, j);
        i = j;
      }
      cells.push(field);
      if (i < n && text[i] === sep) { i++; continue; }
      if (i < n && text[i] === '\r') i++;
      if (i < n && text[i] === '\n') i++;
      break;
    }
    if (!cells.every((c) => (c as string).trim() === '')) yield { row: rowNo, cells };
  }
}

// ---- header mapping ----

/** Folds a header for comparison: no spaces, no required-markers (*), no bracketed notes, lower case. */
export function foldHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/[（(【\[].*?[)）】\]]/g, '')
    .replace(/[\s*＊_\-:：]/g, '')
    .toLowerCase();
}

/** Where each known column sits in the sheet, plus what did not match. */
export interface HeaderMap {
  /** Column index (0-based) by spec key. */
  index: Map<string, number>;
  /** Header text as written in the file, by spec key (used in problems). */
  label: Map<string, string>;
  unknown: string[];
  duplicate: string[];
  missing: ColumnSpec[];
}

/** Matches a header row against an entity's columns (Chinese canonical headers or English aliases). */
export function mapHeader(spec: EntitySpec, header: RawCell[]): HeaderMap {
  const lookup = new Map<string, ColumnSpec>();
  for (const c of spec.columns) for (const h of [c.zh, ...c.aliases]) lookup.set(foldHeader(h), c);
  const index = new Map<string, number>();
  const label = new Map<string, string>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  header.forEach((cell, i) => {
    const text = cellText(cell);
    if (!text) return;
    const c = lookup.get(foldHeader(text));
    if (!c) unknown.push(text);
    else if (index.has(c.key)) duplicate.push(text);
    else {
      index.set(c.key, i);
      label.set(c.key, text);
    }
  });
  const missing = spec.columns.filter((c) => c.required && !index.has(c.key));
  return { index, label, unknown, duplicate, missing };
}

/** Whether a header row names at least two of the entity's columns (tells the data sheet from a notes sheet). */
export function looksLikeHeader(spec: EntitySpec, header: RawCell[]): boolean {
  const m = mapHeader(spec, header);
  return m.index.size >= Math.min(2, spec.columns.length);
}

// ---- cells ----

/** YYYY-MM-DD of an Excel date (exceljs gives UTC midnights). */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A cell as the text a person sees, trimmed. Whole numbers print without exponent up to 15 digits. */
export function cellText(c: RawCell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number') return Number.isInteger(c) && Math.abs(c) < 1e21 ? c.toFixed(0) : String(c);
  if (typeof c === 'boolean') return c ? '是' : '否';
  return isoDate(c);
}

/** The result of converting one cell: a value, nothing (blank), or a problem. */
export type Converted<T> = { ok: true; value: T | null } | { ok: false; code: FieldProblemCode | ImportProblemCode; params?: Record<string, string | number> };

const ok = <T>(value: T | null): Converted<T> => ({ ok: true, value });
const bad = <T>(code: FieldProblemCode | ImportProblemCode, params?: Record<string, string | number>): Converted<T> => ({ ok: false, code, params });

/** Parses a number cell; accepts thousands separators and full-width digits in text. */
export function toNumber(c: RawCell): number | null {
  if (typeof c === 'number') return Number.isFinite(c) ? c : null;
  const t = cellText(c).normalize('NFKC').replace(/,/g, '');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

/** Converts one cell according to its column spec. */
export function convertCell(spec: ColumnSpec, c: RawCell): Converted<unknown> {
  const text = cellText(c);
  if (text === '') return spec.required ? bad('REQUIRED') : ok(null);
  switch (spec.kind) {
    case 'text':
      if (spec.maxLength && [...text].length > spec.maxLength) return bad('TOO_LONG', { max: spec.maxLength });
      return ok(text);
    case 'code': {
      const t = text.normalize('NFKC');
      if (spec.pattern && !new RegExp(spec.pattern).test(t)) return bad('DIVISION_FORMAT');
      return ok(t);
    }
    case 'int':
    case 'number':
    case 'year': {
      let n = c instanceof Date && spec.kind === 'year' ? c.getUTCFullYear() : toNumber(c);
      if (n === null) return bad('NOT_A_NUMBER');
      if (spec.kind !== 'number' && !Number.isInteger(n)) return bad('NOT_A_NUMBER');
      const min = spec.min ?? (spec.kind === 'year' ? 1900 : -Infinity);
      const max = spec.max ?? (spec.kind === 'year' ? 2100 : Infinity);
      if (n < min || n > max) return bad('OUT_OF_RANGE', { min, max });
      if (spec.kind === 'number' && spec.decimals !== undefined) n = Number(n.toFixed(spec.decimals));
      return ok(n);
    }
    case 'rate': {
      const pct = /%$/.test(text.normalize('NFKC'));
      const n = pct ? toNumber(text.normalize('NFKC').slice(0, -1)) : toNumber(c);
      if (n === null) return bad('NOT_A_NUMBER');
      const r = pct || n > 1 ? n / 100 : n;
      if (r < 0 || r > 1) return bad('OUT_OF_RANGE', { min: '0', max: '100%' });
      return ok(Number(r.toFixed(4)));
    }
    case 'bool': {
      if (typeof c === 'boolean') return ok(c);
      const t = text.toLowerCase();
      if (['是', '有', 'y', 'yes', 'true', '1', '√', '封闭'].includes(t)) return ok(true);
      if (['否', '无', 'n', 'no', 'false', '0', '×', '开放'].includes(t)) return ok(false);
      return bad('NOT_IN_LIST', { allowed: '是、否' });
    }
    case 'enum': {
      const v = matchOption(spec, text);
      return v === null ? bad('NOT_IN_LIST', { allowed: spec.options!.map((o) => o.zh).join('、') }) : ok(v);
    }
    case 'tags': {
      const parts = text.split(/[,，、;；\n]+/).map((s) => s.trim()).filter(Boolean);
      const out: string[] = [];
      for (const p of parts) {
        const v = matchOption(spec, p);
        if (v === null) return bad('NOT_IN_LIST', { allowed: spec.options!.map((o) => o.zh).join('、') });
        if (!out.includes(v)) out.push(v);
      }
      return ok(out);
    }
    case 'idNumber': {
      if (typeof c === 'number' && text.length > 15) return bad('ID_AS_NUMBER');
      const t = text.normalize('NFKC').replace(/\s/g, '').toUpperCase();
      if (/^\d(\.\d+)?E\+?\d+$/.test(t)) return bad('ID_AS_NUMBER');
      return ok(t);
    }
    case 'phone': {
      const p = normalizeMobile(text.normalize('NFKC'));
      return p === null ? bad('PHONE_FORMAT') : ok(p);
    }
    case 'date': {
      const d = toDate(c);
      return d === null ? bad('NOT_A_DATE') : ok(d);
    }
  }
}

/** Reads a date cell: an Excel date, an Excel serial number, or YYYY-MM-DD / YYYY/M/D / YYYY.M.D / YYYY年M月D日 text. */
export function toDate(c: RawCell): string | null {
  if (c instanceof Date) return isoDate(c);
  if (typeof c === 'number') {
    if (c < 1 || c > 2958465) return null;
    return isoDate(new Date(Date.UTC(1899, 11, 30) + Math.round(c) * 86_400_000));
  }
  const m = cellText(c).normalize('NFKC').match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return isoDate(dt);
}

/** Finds an option by its Chinese label, alias or code (case-insensitive). */
export function matchOption(spec: ColumnSpec, text: string): string | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  for (const o of spec.options ?? []) {
    if (o.code.toLowerCase() === t || o.zh === t || (o.aliases ?? []).some((a) => a.toLowerCase() === t)) return o.code;
  }
  return null;
}

/** The value shown in a problem or preview: ID numbers and phones masked. */
export function displayValue(spec: ColumnSpec | undefined, c: RawCell): string {
  const text = cellText(c);
  if (!spec || text === '') return text;
  if (spec.kind === 'idNumber') return maskIdNumber(text.replace(/\s/g, ''));
  if (spec.kind === 'phone') return maskPhone(text.replace(/[\s-]/g, ''));
  return text.length > 200 ? text.slice(0, 200) + '…' : text;
}
