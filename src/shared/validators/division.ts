/** Administrative division codes: GB/T 2260 (6 digits) and the 12-digit statistical codes. */

/** Region levels from the top down. */
export const REGION_LEVELS = ['province', 'city', 'county', 'street', 'community'] as const;
/** A region level. */
export type RegionLevel = (typeof REGION_LEVELS)[number];

const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

/** Why a division code was refused. */
export type DivisionProblem = 'DIVISION_FORMAT' | 'DIVISION_PROVINCE' | 'DIVISION_LEVEL' | 'DIVISION_PARENT' | 'DIVISION_TOWN_RANGE' | 'DIVISION_VILLAGE_RANGE';

/** The level a well-formed code denotes, or null. */
export function levelOfCode(code: string): RegionLevel | null {
  if (/^\d{6}$/.test(code)) {
    if (code.endsWith('0000')) return 'province';
    if (code.endsWith('00')) return 'city';
    return 'county';
  }
  if (/^\d{9}$/.test(code)) return 'street';
  if (/^\d{12}$/.test(code)) return 'community';
  return null;
}

/** The kind of town-level unit by GB/T 10114 ranges. */
export function townKind(code9: string): 'subdistrict' | 'town' | 'township' | 'other' | null {
  const n = Number(code9.slice(6, 9));
  if (n >= 1 && n <= 99) return 'subdistrict';
  if (n >= 100 && n <= 199) return 'town';
  if (n >= 200 && n <= 399) return 'township';
  if (n >= 400 && n <= 599) return 'other';
  return null;
}

/** The kind of village-level unit: 001–199 居委会, 200–399 村委会. */
export function villageKind(code12: string): 'residents_committee' | 'villagers_committee' | null {
  const n = Number(code12.slice(9, 12));
  if (n >= 1 && n <= 199) return 'residents_committee';
  if (n >= 200 && n <= 399) return 'villagers_committee';
  return null;
}

/** Checks a code for the expected level under the given parent code (null for the top). */
export function checkDivisionCode(code: string, level: RegionLevel, parentCode: string | null): DivisionProblem | null {
  if (!/^\d+$/.test(code)) return 'DIVISION_FORMAT';
  const actual = levelOfCode(code);
  if (!actual) return 'DIVISION_FORMAT';
  if (!PROVINCES.has(code.slice(0, 2))) return 'DIVISION_PROVINCE';
  if (actual !== level) return 'DIVISION_LEVEL';
  if (level === 'county' && Number(code.slice(4, 6)) === 0) return 'DIVISION_LEVEL';
  if (level === 'city' && Number(code.slice(2, 4)) === 0) return 'DIVISION_LEVEL';
  if (level === 'street' && !townKind(code)) return 'DIVISION_TOWN_RANGE';
  if (level === 'community' && !villageKind(code)) return 'DIVISION_VILLAGE_RANGE';
  if (parentCode !== null) {
    const ok =
      level === 'city' ? code.slice(0, 2) === parentCode.slice(0, 2)
      : level === 'county' ? code.slice(0, 4) === parentCode.slice(0, 4) || (parentCode.endsWith('0000') && code.slice(0, 2) === parentCode.slice(0, 2))
      : level === 'street' ? code.slice(0, 6) === parentCode
      : level === 'community' ? code.slice(0, 9) === parentCode
      : false;
    if (!ok) return 'DIVISION_PARENT';
  }
  return null;
}
