import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { RESIDENT_COLUMNS, COMPOUND_COLUMNS, type ColumnSpec } from './transfer.columns.ts';
import { cellText, convertCell, decodeText, foldHeader, mapHeader, parseCsv, toDate, displayValue } from './transfer.ts';
import { withDataSheet, detectKind } from './transfer.read.ts';
import type { RawRow } from './transfer.ts';
import { encodeGbk } from './testing/gbk.ts';
import { makeResidentWorkbook } from './testing/workbook.ts';

const col = (spec: { columns: readonly ColumnSpec[] }, key: string) => spec.columns.find((c) => c.key === key)!;

async function collect(buf: Buffer, name: string, spec = RESIDENT_COLUMNS) {
  return withDataSheet(buf, name, (h) => mapHeader(spec, h.cells).index.size >= 2, async (sheet, header, rest) => {
    const rows: RawRow[] = [];
    for (let r = await rest.next(); !r.done; r = await rest.next()) rows.push(r.value);
    return { sheet, header, rows };
  });
}

describe('CSV parsing', () => {
  it('handles quoted fields with commas, doubled quotes and newlines, counting rows as Excel does', () => {
    const rows = [...parseCsv('a,b,c\r\n"x, y","he said ""hi""","line1\nline2"\r\n\r\n1,2,3\n')];
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['x, y', 'he said "hi"', 'line1\nline2'] },
      { row: 4, cells: ['1', '2', '3'] },
    ]);
  });

  it('reads a file without a trailing newline and with empty trailing fields', () => {
    expect([...parseCsv('a,b,\n1,,')]).toEqual([{ row: 1, cells: ['a', 'b', ''] }, { row: 2, cells: ['1', '', ''] }]);
  });

  it('uses tab as the separator when the first line has tabs and no commas', () => {
    expect([...parseCsv('姓名\t身份证号\n张三\t1,2')][1].cells).toEqual(['张三', '1,2']);
  });

  it('decodes UTF-8 with and without a BOM, and GBK bytes as GB18030', () => {
    const text = '社区代码,小区名称\n511302001003,幸福小区\n';
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(decodeText(Buffer.from(text))).toBe(text);
    // "中文" in GBK is D6 D0 CE C4 — not valid UTF-8.
    expect(decodeText(Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x2c, 0x41]))).toBe('中文,A');
  });
});

describe('header mapping', () => {
  it('matches Chinese headers, English aliases and required markers; reports unknown and missing columns', () => {
    const m = mapHeader(RESIDENT_COLUMNS, ['社区代码', 'compound name', '*房号', '姓名（必填）', 'ID Number', '备注']);
    expect([...m.index.entries()]).toEqual([['communityCode', 0], ['compoundName', 1], ['room', 2], ['name', 3], ['idNumber', 4]]);
    expect(m.unknown).toEqual(['备注']);
    expect(m.missing).toEqual([]);
    const m2 = mapHeader(RESIDENT_COLUMNS, ['姓名', '身份证号']);
    expect(m2.missing.map((c) => c.zh)).toEqual(['社区代码', '小区名称', '房号']);
  });

  it('folds spaces, case and full-width characters', () => {
    expect(foldHeader(' Community  Code ')).toBe('communitycode');
    expect(foldHeader('＊姓名')).toBe('姓名');
  });
});

describe('cell conversion', () => {
  const id = col(RESIDENT_COLUMNS, 'idNumber');
  it('refuses an ID number Excel turned into a number, telling the user to format the column as text', () => {
    const r = convertCell(id, 110105194912310020);
    expect(r).toMatchObject({ ok: false, code: 'ID_AS_NUMBER' });
    expect(convertCell(id, '1.10105E+17')).toMatchObject({ ok: false, code: 'ID_AS_NUMBER' });
    expect(convertCell(id, ' 11010519491231002x ')).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it('reads rates as 0.85, 85% or 85', () => {
    const rate = col(COMPOUND_COLUMNS, 'feeCollectionRate');
    expect(convertCell(rate, 0.85)).toEqual({ ok: true, value: 0.85 });
    expect(convertCell(rate, '85%')).toEqual({ ok: true, value: 0.85 });
    expect(convertCell(rate, '85')).toEqual({ ok: true, value: 0.85 });
    expect(convertCell(rate, '185%')).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
  });

  it('maps Chinese labels and codes of enums and tags', () => {
    expect(convertCell(col(COMPOUND_COLUMNS, 'housingType'), '房改房')).toEqual({ ok: true, value: 'reformed' });
    expect(convertCell(col(COMPOUND_COLUMNS, 'propertyMode'), 'soe_backstop')).toEqual({ ok: true, value: 'soe_backstop' });
    expect(convertCell(col(COMPOUND_COLUMNS, 'housingType'), '别墅')).toMatchObject({ ok: false, code: 'NOT_IN_LIST' });
    expect(convertCell(col(RESIDENT_COLUMNS, 'tags'), '独居老人，退役军人、独居老人')).toEqual({ ok: true, value: ['elderly_alone', 'veteran'] });
    expect(convertCell(col(COMPOUND_COLUMNS, 'enclosed'), '否')).toEqual({ ok: true, value: false });
  });

  it('reads dates from Excel dates, serial numbers and YYYY-MM-DD or YYYY/M/D text', () => {
    expect(toDate(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
    expect(toDate(45351)).toBe('2024-02-29');
    expect(toDate('2024/2/9')).toBe('2024-02-09');
    expect(toDate('2024-02-30')).toBeNull();
    expect(toDate('2024年3月1日')).toBe('2024-03-01');
  });

  it('requires required cells and masks ID numbers and phones in displayed values', () => {
    expect(convertCell(col(RESIDENT_COLUMNS, 'name'), '  ')).toMatchObject({ ok: false, code: 'REQUIRED' });
    expect(displayValue(id, '110105194912310021')).toBe('110***********0021');
    expect(displayValue(col(RESIDENT_COLUMNS, 'phone'), 13800138000)).toBe('138****8000');
    expect(cellText(511302001003)).toBe('511302001003');
  });
});

describe('reading files', () => {
  it('reads the first sheet whose header matches and skips a notes sheet before it', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['这是说明']);
    const ws = wb.addWorksheet('居民');
    ws.addRow(['社区代码', '小区名称', '房号', '姓名', '身份证号']);
    ws.addRow([511302001003, '幸福小区', 101, { richText: [{ text: '张' }, { text: '三' }] }, '11010519491231002X']);
    ws.addRow([]);
    ws.addRow(['511302001003', '幸福小区', '102', '李四', { formula: 'A1', result: 'x' }]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(detectKind(buf)).toBe('xlsx');
    const r = await collect(buf, 'a.xlsx');
    expect(r!.sheet).toBe('居民');
    expect(r!.rows.map((x) => x.row)).toEqual([2, 4]);
    expect(r!.rows[0].cells).toEqual([511302001003, '幸福小区', 101, '张三', '11010519491231002X']);
    expect(r!.rows[1].cells[4]).toBe('x');
  });

  it('keeps Chinese characters intact where the zip stream splits them, with shared and inline strings', async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `居民姓名测试${i}号·幸福小区`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('居民');
    ws.addRow(['社区代码', '小区名称', '房号', '姓名']);
    names.forEach((n, i) => ws.addRow(['511302001003', '幸福小区', String(i), n]));
    const shared = Buffer.from(await wb.xlsx.writeBuffer());
    const inline = await makeResidentWorkbook(4000, { communityCode: '511302001003', compoundName: '幸福小区' }, (i, r) => { r[5] = names[i]; return r; });
    for (const [buf, col] of [[shared, 3], [inline, 5]] as const) {
      const r = await collect(buf, 'a.xlsx');
      expect(r!.rows).toHaveLength(4000);
      expect(r!.rows.filter((x) => x.cells[col] !== names[x.row - 2])).toEqual([]);
    }
  });

  it('parses a GBK CSV without BOM', async () => {
    const text = '社区代码,小区名称,房号,姓名\r\n511302001003,幸福小区,101,张三\r\n';
    const gbk = encodeGbk(text);
    expect(gbk.equals(Buffer.from(text))).toBe(false);
    const r = await collect(gbk, '居民.csv');
    expect(r!.sheet).toBe('居民');
    expect(r!.rows).toEqual([{ row: 2, cells: ['511302001003', '幸福小区', '101', '张三'] }]);
  });

  it('refuses an old .xls and a damaged .xlsx with FILE_UNREADABLE', async () => {
    await expect(collect(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'a.xls')).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
    await expect(collect(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]), 'a.xlsx')).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });
});

