import { describe, expect, it } from 'vitest';
import { areaOfCenti, centiOf, coverageOf, isoWeekOf, mondayOf, ownersVoteChecks } from './labels.meetings.ts';

describe('meeting screen helpers', () => {
  it('reads areas as exact hundredths of a m² and refuses anything else', () => {
    expect(centiOf('1234.5')).toBe(123450);
    expect(centiOf('0.07')).toBe(7);
    expect(centiOf(12)).toBe(1200);
    expect(centiOf('1.234')).toBeNull();
    expect(centiOf('-1')).toBeNull();
    expect(centiOf('')).toBeNull();
    expect(areaOfCenti(123405)).toBe('1234.05');
  });

  it('says which art. 278 condition is missing, with the outcome of the shared rule', () => {
    const base = { item: 5, totalAreaC: 30000, totalOwners: 30, participatingAreaC: 20000, participatingOwners: 20, yesAreaC: 10100, yesOwners: 11, noAreaC: 0, noOwners: 0 };
    expect(ownersVoteChecks(base)).toEqual({ special: false, quorumArea: true, quorumOwners: true, majorityArea: true, majorityOwners: true, outcome: 'passed' });
    expect(ownersVoteChecks({ ...base, participatingOwners: 19 })).toMatchObject({ quorumOwners: false, outcome: 'quorum_not_met' });
    expect(ownersVoteChecks({ ...base, item: 7 })).toMatchObject({ special: true, majorityArea: false, outcome: 'rejected' });
    expect(ownersVoteChecks({ ...base, item: 7, yesAreaC: 15000, yesOwners: 15 })).toMatchObject({ majorityArea: true, majorityOwners: true, outcome: 'passed' });
  });

  it('names ISO weeks across the turn of the year', () => {
    expect(isoWeekOf('2026-11-26')).toBe('2026-W48');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
  });

  it('checks the 1 and each of the five slots against active members only', () => {
    const c = coverageOf([
      { kind: 'community_secretary', active: true },
      { kind: 'resident_rep', active: true },
      { kind: 'grid_worker', active: false },
      { kind: 'department', active: true },
    ]);
    expect(c.one).toBe(true);
    expect(c.slots.find((s) => s.slot === 'representative')?.filled).toBe(true);
    expect(c.slots.find((s) => s.slot === 'grid_worker')?.filled).toBe(false);
    expect(c).toMatchObject({ n: 1, complete: false });
  });
});
