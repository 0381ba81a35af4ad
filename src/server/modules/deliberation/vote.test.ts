import { describe, expect, it } from 'vitest';
import { formatArea, parseArea, readOwnersVote, simpleVoteOutcome } from './vote.ts';

const base = {
  ownersItem: 5, totalArea: '30000.00', totalOwners: 300, participatingArea: '20000.00', participatingOwners: 200,
  yesArea: '10000.01', yesOwners: 101, noArea: '9000', noOwners: 90,
};

describe('areas', () => {
  it('reads decimals to exact hundredths without float arithmetic and prints them back', () => {
    expect(parseArea('12345.67', 'a')).toEqual({ cents: 1234567 });
    expect(parseArea(1234.5, 'a')).toEqual({ cents: 123450 });
    expect(parseArea('1,234.05', 'a')).toEqual({ cents: 123405 });
    expect(parseArea(0.1 + 0.2, 'a')).toHaveProperty('problem.code', 'AREA_FORMAT');
    expect(parseArea('12.345', 'a')).toHaveProperty('problem.code', 'AREA_FORMAT');
    expect(parseArea('-1', 'a')).toHaveProperty('problem.code', 'AREA_FORMAT');
    expect([formatArea(1234567), formatArea(5), formatArea(0), formatArea(null)]).toEqual(['12345.67', '0.05', '0.00', null]);
  });
});

describe('readOwnersVote', () => {
  it('passes an ordinary item with double two-thirds participation and more than half of area and owners', () => {
    expect(readOwnersVote(base)).toMatchObject({ outcome: 'passed', count: { participatingAreaC: 2000000, yesAreaC: 1000001 } });
  });

  it('misses the quorum one hundredth of a square metre short of two thirds', () => {
    expect(readOwnersVote({ ...base, participatingArea: '19999.99' })).toMatchObject({ outcome: 'quorum_not_met' });
    expect(readOwnersVote({ ...base, participatingOwners: 199 })).toMatchObject({ outcome: 'quorum_not_met' });
  });

  it('needs three quarters for items 6–8', () => {
    expect(readOwnersVote({ ...base, ownersItem: 7 })).toMatchObject({ outcome: 'rejected' });
    expect(readOwnersVote({ ...base, ownersItem: 7, yesArea: '15000', yesOwners: 150, noArea: '0', noOwners: 0 })).toMatchObject({ outcome: 'passed' });
  });

  it('separates format problems from incoherent counts', () => {
    expect(readOwnersVote({ ...base, yesArea: 'abc' })).toEqual({ format: [expect.objectContaining({ field: 'yesArea', code: 'AREA_FORMAT' })] });
    const r = readOwnersVote({ ...base, participatingArea: '30000.01', yesOwners: 150, noOwners: 60 });
    expect('incoherent' in r && r.incoherent.map((p) => p.field)).toEqual(['participatingArea', 'yesOwners']);
  });
});

describe('simpleVoteOutcome', () => {
  it('passes with more than half of the votes cast, and needs half of those entitled when given', () => {
    expect(simpleVoteOutcome({ votesFor: 5, votesAgainst: 4, votesAbstain: 0 })).toBe('passed');
    expect(simpleVoteOutcome({ votesFor: 5, votesAgainst: 3, votesAbstain: 2 })).toBe('rejected');
    expect(simpleVoteOutcome({ eligible: 21, votesFor: 10, votesAgainst: 0, votesAbstain: 0 })).toBe('quorum_not_met');
  });
});
