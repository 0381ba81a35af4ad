import { describe, expect, it } from 'vitest';
import { ageOn, parseIdNumber, upgradeId15 } from './idcard.ts';
import { parseUscc } from './uscc.ts';
import { normalizeMobile } from './phone.ts';
import { checkDivisionCode, levelOfCode, townKind, villageKind } from './division.ts';

const TODAY = '2026-11-26';

describe('citizen ID numbers (GB 11643, STANDARDS §2.2)', () => {
  it.each(['11010519491231002X', '440524188001010014', '330102199003071230', '310115201208150029'])('accepts %s', (id) => {
    expect(parseIdNumber(id, TODAY).ok).toBe(true);
  });

  it('derives gender and birth date: 11010519491231002X is a woman born 1949-12-31', () => {
    const p = parseIdNumber('11010519491231002x', TODAY);
    expect(p).toEqual({ ok: true, value: { normalized: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' } });
  });

  it('reads 440524188001010014 as a man born 1880-01-01', () => {
    const p = parseIdNumber('440524188001010014', TODAY);
    expect(p.ok && p.value.gender).toBe('male');
    expect(p.ok && p.value.birthDate).toBe('1880-01-01');
  });

  it('sees 310115201208150029 as a girl who is under 14 until 2026-08-15', () => {
    const p = parseIdNumber('310115201208150029', TODAY);
    expect(p.ok && p.value.gender).toBe('female');
    const birth = p.ok ? p.value.birthDate : '';
    expect(ageOn(birth, '2026-08-14')).toBe(13);
    expect(ageOn(birth, '2026-08-15')).toBe(14);
  });

  it('refuses 110105194912310021 for its check character', () => {
    expect(parseIdNumber('110105194912310021', TODAY)).toEqual({ ok: false, problem: 'ID_CHECK_CHAR' });
  });

  it('converts the 15-digit 110105491231002 to 11010519491231002X', () => {
    expect(upgradeId15('110105491231002')).toBe('11010519491231002X');
    const p = parseIdNumber('110105491231002', TODAY);
    expect(p.ok && p.value.normalized).toBe('11010519491231002X');
  });

  it('refuses a wrong length, an unknown province and an impossible or future birth date', () => {
    expect(parseIdNumber('1101051949123100', TODAY)).toEqual({ ok: false, problem: 'ID_FORMAT' });
    expect(parseIdNumber('991234194912310028', TODAY)).toEqual({ ok: false, problem: 'ID_PROVINCE' });
    expect(parseIdNumber('110105194902300020', TODAY)).toEqual({ ok: false, problem: 'ID_BIRTH_DATE' });
    expect(parseIdNumber('310115201208150029', '2012-08-14')).toEqual({ ok: false, problem: 'ID_BIRTH_DATE' });
  });
});

describe('unified social credit codes (GB 32100, STANDARDS §2.3)', () => {
  it.each(['91350100M000100Y43', '91330106MA2H0B7K4J', '51330102MJ0012AB4L', '1133010200250371X0'])('accepts %s', (code) => {
    expect(parseUscc(code).ok).toBe(true);
  });

  it('refuses a code whose last character was changed', () => {
    expect(parseUscc('91350100M000100Y44')).toEqual({ ok: false, problem: 'USCC_CHECK_CHAR' });
    expect(parseUscc('91330106MA2H0B7K4K')).toEqual({ ok: false, problem: 'USCC_CHECK_CHAR' });
  });

  it('refuses a code containing I as a format error', () => {
    expect(parseUscc('91350100M000I00Y43')).toEqual({ ok: false, problem: 'USCC_FORMAT' });
  });

  it('flags the inner GB 11714 check as advisory only', () => {
    const r = parseUscc('91330106MA2H0B7K4J');
    expect(r.ok && r.innerCheckOk).toBe(true);
  });
});

describe('mainland mobile numbers (STANDARDS §2.4)', () => {
  it('accepts 13800138000 as is', () => {
    expect(normalizeMobile('13800138000')).toBe('13800138000');
  });

  it('normalises +86 199-1234-5678 to 19912345678', () => {
    expect(normalizeMobile('+86 199-1234-5678')).toBe('19912345678');
  });

  it('refuses 12345678901', () => {
    expect(normalizeMobile('12345678901')).toBeNull();
  });
});

describe('administrative division codes (STANDARDS §2.1)', () => {
  it('reads 110105 as a county under Beijing', () => {
    expect(levelOfCode('110105')).toBe('county');
    expect(checkDivisionCode('110105', 'county', '110000')).toBeNull();
    expect(checkDivisionCode('110105', 'county', '110100')).toBeNull();
  });

  it('accepts 320508019044 as a community under the street 320508019', () => {
    expect(levelOfCode('320508019044')).toBe('community');
    expect(checkDivisionCode('320508019044', 'community', '320508019')).toBeNull();
    expect(townKind('320508019')).toBe('subdistrict');
    expect(villageKind('320508019044')).toBe('residents_committee');
  });

  it('reads 220581102200 as a villagers’ committee under a town', () => {
    expect(checkDivisionCode('220581102200', 'community', '220581102')).toBeNull();
    expect(townKind('220581102')).toBe('town');
    expect(villageKind('220581102200')).toBe('villagers_committee');
  });

  it('refuses a 12-digit code under the wrong street', () => {
    expect(checkDivisionCode('320508019044', 'community', '320508020')).toBe('DIVISION_PARENT');
  });

  it('refuses a code whose length does not fit the level, and a village part out of range', () => {
    expect(checkDivisionCode('320508019', 'community', '320508')).toBe('DIVISION_LEVEL');
    expect(checkDivisionCode('320508019400', 'community', '320508019')).toBe('DIVISION_VILLAGE_RANGE');
    expect(checkDivisionCode('32050801', 'street', '320508')).toBe('DIVISION_FORMAT');
  });
});
