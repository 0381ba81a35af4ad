/** Validation of the unified social credit code, GB 32100-2015. */

const CS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WU = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_W = [3, 7, 9, 10, 5, 8, 4, 2];
const PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The 18th (check) character for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += CS.indexOf(first17[i]) * WU[i];
  return CS[(31 - (s % 31)) % 31];
}

/** The GB 11714 inner check of characters 9–17 (a warning only: old codes may break it). */
export function orgCodeCheckOk(code18: string): boolean {
  const body = code18.slice(8, 16);
  let s = 0;
  for (let i = 0; i < 8; i++) {
    const c = body[i];
    const v = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    s += v * ORG_W[i];
  }
  const r = 11 - (s % 11);
  const expect = r === 10 ? 'X' : r === 11 ? '0' : String(r);
  return code18[16] === expect;
}

/** Why a credit code was refused. */
export type UsccProblem = 'USCC_FORMAT' | 'USCC_CHECK_CHAR';

/** Validates a credit code; `innerCheckOk` is advisory. */
export function parseUscc(raw: string): { ok: true; value: string; innerCheckOk: boolean } | { ok: false; problem: UsccProblem } {
  const code = raw.trim().toUpperCase();
  if (!PATTERN.test(code)) return { ok: false, problem: 'USCC_FORMAT' };
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'USCC_CHECK_CHAR' };
  return { ok: true, value: code, innerCheckOk: orgCodeCheckOk(code) };
}
