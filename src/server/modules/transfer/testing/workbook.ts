import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { idCheckChar } from '../../../../shared/validators/idcard.ts';
import { RESIDENT_COLUMNS } from '../transfer.columns.ts';

/** Where the synthetic residents live; the compound must exist before importing. */
export interface SyntheticPlace {
  communityCode: string;
  compoundName: string;
}

const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '军', '杰', '涛', '明', '超', '霞'];

/** A valid, unique ID number for index i (birth dates 1950–2004, county 511302). */
export function syntheticIdNumber(i: number, county = '511302'): string {
  const day = i % 20000;
  const seq = Math.floor(i / 20000) % 1000;
  const birth = new Date(Date.UTC(1950, 0, 1) + day * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const p17 = county + ymd + String(seq).padStart(3, '0');
  return p17 + idCheckChar(p17);
}

/** The synthetic resident row i: three residents per household, sixty households per building. */
export function syntheticResidentRow(i: number, place: SyntheticPlace): (string | null)[] {
  const hh = Math.floor(i / 3);
  const k = hh % 60;
  const building = `${Math.floor(hh / 60) + 1}栋`;
  const unit = String(Math.floor(k / 20) + 1);
  const room = String((Math.floor((k % 20) / 2) + 1) * 100 + (k % 2) + 1);
  const name = SURNAMES[i % 10] + GIVEN[Math.floor(i / 10) % 15] + (i % 3 === 2 ? GIVEN[i % 15] : '');
  const relation = i % 3 === 0 ? '户主' : i % 3 === 1 ? '配偶' : '子';
  const phone = '139' + String(i % 100_000_000).padStart(8, '0');
  const political = i % 7 === 0 ? '中共党员' : '群众';
  const tags = i % 50 === 0 ? '独居老人' : null;
  return [place.communityCode, place.compoundName, building, unit, room, name, syntheticIdNumber(i), phone, political, relation, tags];
}

/** Generates a valid resident .xlsx with `rows` synthetic rows (streamed, so large files stay cheap). */
export async function makeResidentWorkbook(
  rows: number,
  place: SyntheticPlace = { communityCode: '511302001003', compoundName: '幸福小区' },
  edit?: (i: number, row: (string | null)[]) => (string | number | null)[],
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet(RESIDENT_COLUMNS.sheetZh);
  ws.addRow(RESIDENT_COLUMNS.columns.map((c) => c.zh)).commit();
  for (let i = 0; i < rows; i++) {
    const r = syntheticResidentRow(i, place);
    ws.addRow(edit ? edit(i, r) : r).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}
