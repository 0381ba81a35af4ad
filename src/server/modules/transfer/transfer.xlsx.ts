import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { EntitySpec } from './transfer.columns.ts';
import type { ImportProblem } from './transfer.ts';

/** Content type of .xlsx answers. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TEXT_KINDS = new Set(['text', 'code', 'idNumber', 'phone', 'enum', 'tags']);

/** The import template: headers (required ones in red) + one example row, and a second sheet explaining each column. */
export async function templateWorkbook(spec: EntitySpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongzhi';
  const ws = wb.addWorksheet(spec.sheetZh, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({
    header: c.zh,
    key: c.key,
    width: Math.max(10, Math.min(24, c.zh.length * 2 + 6, String(c.example).length + 4)),
    // Text format stops Excel from turning ID numbers, codes and room numbers into numbers.
    style: TEXT_KINDS.has(c.kind) ? { numFmt: '@' } : {},
  }));
  spec.columns.forEach((c, i) => {
    const cell = ws.getRow(1).getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.note = c.help;
  });
  ws.addRow(spec.columns.map((c) => (TEXT_KINDS.has(c.kind) ? String(c.example) : c.example === '' ? null : c.example)));
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'zh', width: 14 },
    { header: '必填', key: 'required', width: 6 },
    { header: '说明', key: 'help', width: 60 },
    { header: '可选值', key: 'options', width: 50 },
    { header: '英文列名（也可使用）', key: 'aliases', width: 30 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of spec.columns) {
    help.addRow({
      zh: c.zh,
      required: c.required ? '是' : '',
      help: c.help,
      options: c.options ? c.options.map((o) => o.zh).join('、') : '',
      aliases: c.aliases.filter((a) => /^[\x20-\x7e]+$/.test(a)).join(', '),
    });
  }
  help.addRow({});
  help.addRow({ zh: '提示', help: '第一行为列名，从第二行起每行一条记录；红色列名为必填。导入前请先“检查”，全部无误后才会写入；任何一行有误则整批不写入。' });
  help.getColumn('help').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The problem report of a dry run, for people who fix the file in Excel. */
export async function problemsWorkbook(problems: readonly ImportProblem[], warnings: readonly ImportProblem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '工作表', key: 'sheet', width: 14 },
    { header: '行', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 14 },
    { header: '值', key: 'value', width: 24 },
    { header: '问题', key: 'zh', width: 50 },
    { header: 'Problem', key: 'en', width: 50 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const p of problems) ws.addRow({ sheet: p.sheet, row: p.row, column: p.column, value: p.value, zh: p.zh, en: p.en });
  for (const p of warnings) ws.addRow({ sheet: p.sheet, row: p.row, column: p.column, value: p.value, zh: '（提示）' + p.zh, en: '(warning) ' + p.en });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One column of an export: header text and how to read the (already masked) value from a row. */
export interface ExportColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
}

/** Writes an export as a streamed workbook: a watermark title row, the header row, then the rows page by page. */
export async function writeExport<T>(
  out: Writable,
  opts: { sheet: string; title: string; columns: readonly ExportColumn<T>[]; pages: AsyncIterable<readonly T[]> },
): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Gongzhi';
  const ws = wb.addWorksheet(opts.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = opts.columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length * 2 + 4) }));
  const title = ws.addRow([opts.title]);
  title.font = { italic: true, color: { argb: 'FF808080' } };
  ws.mergeCells(1, 1, 1, Math.max(1, opts.columns.length));
  title.commit();
  const head = ws.addRow(opts.columns.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  let n = 0;
  for await (const page of opts.pages) {
    for (const r of page) {
      ws.addRow(opts.columns.map((c) => c.value(r))).commit();
      n++;
    }
  }
  ws.commit();
  await wb.commit();
  return n;
}
