import { describe, expect, it } from 'vitest';
import { checkDivisionCode } from '../../../shared/validators/division.ts';
import { parseIdNumber } from '../../../shared/validators/idcard.ts';
import { demoPlaces, Dice, idNumber, rng } from './demo-city.ts';

describe('demo city', () => {
  it('is the same on every run', () => {
    expect(demoPlaces()).toEqual(demoPlaces());
  });

  it('models the seed: a district of about 1,250 compounds, a county of 195, and a town with villages', () => {
    const places = demoPlaces();
    const under = (prefix: string) => places.filter((p) => p.code.startsWith(prefix)).reduce((n, p) => n + (p.compounds ?? 0), 0);
    expect(under('515102')).toBe(1250);
    expect(under('515121')).toBe(195);
    expect(places.some((p) => p.code.startsWith('515181') && p.level === 'community' && Number(p.code.slice(9)) >= 200)).toBe(true);
  });

  it('uses only valid division codes under their parents', () => {
    const byCode = new Map(demoPlaces().map((p) => [p.code, p]));
    for (const p of demoPlaces()) expect(checkDivisionCode(p.code, p.level, p.parent ? byCode.get(p.parent)!.code : null)).toBeNull();
  });

  it('makes valid ID numbers whose gender and birth date agree', () => {
    const d = new Dice(rng(7));
    for (let i = 0; i < 200; i++) {
      const gender = i % 2 ? 'male' : 'female';
      const parsed = parseIdNumber(idNumber(d, '515102', '1960-03-15', gender), '2026-11-26');
      expect(parsed.ok && parsed.value.gender === gender && parsed.value.birthDate === '1960-03-15').toBe(true);
    }
  });
});

describe('demo place names', () => {
  it('never repeats a community name within a county', () => {
    const communities = demoPlaces().filter((p) => p.level === 'community');
    const keys = communities.map((p) => p.code.slice(0, 6) + p.name);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
