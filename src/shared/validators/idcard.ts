/** Validation of the citizen ID number, GB 11643-1999 (ISO 7064 MOD 11-2 check character). */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** Facts derived from a valid ID number. */
export interface IdNumberInfo {
  normalized: string;
  birthDate: string;
  gender: 'male' | 'female';
}

/** Why an ID number was refused. */
export type IdNumberProblem = 'ID_FORMAT' | 'ID_PROVINCE' | 'ID_BIRTH_DATE' | 'ID_CHECK_CHAR';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * WEIGHTS[i];
  return CHECK[s % 11];
}

/** Converts an old 15-digit number to 18 digits (inserts the century 19, adds the check). */
export function upgradeId15(id15: string): string {
  const p17 = id15.slice(0, 6) + '19' + id15.slice(6);
  return p17 + idCheckChar(p17);
}

function realDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Validates an ID number against `today` (YYYY-MM-DD); returns the facts or the problem. */
export function parseIdNumber(raw: string, today: string): { ok: true; value: IdNumberInfo } | { ok: false; problem: IdNumberProblem } {
  let id = raw.trim().toUpperCase();
  if (/^\d{15}$/.test(id)) id = upgradeId15(id);
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'ID_FORMAT' };
  if (!PROVINCES.has(id.slice(0, 2))) return { ok: false, problem: 'ID_PROVINCE' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  // 18xx is a legal century in GB 11643 (the standard's sample 440524188001010014 is born 1880).
  if (y < 1800 || !realDate(y, m, d) || birthDate > today) return { ok: false, problem: 'ID_BIRTH_DATE' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'ID_CHECK_CHAR' };
  return { ok: true, value: { normalized: id, birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' } };
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
