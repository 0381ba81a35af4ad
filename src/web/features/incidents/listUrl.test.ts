import { describe, expect, it } from 'vitest';
import { incidentList, incidentListPath, reportedBetween } from './listUrl.ts';

const listStateOf = incidentList.read;
const withListState = incidentList.write;

describe('the incident list in the address', () => {
  it('shows open cases, page 1 of 20, when the address says nothing, and ignores what it cannot read', () => {
    expect(listStateOf(new URLSearchParams(''))).toEqual({ filter: { open: true }, page: 1, pageSize: 20 });
    expect(listStateOf(new URLSearchParams('page=-3&pageSize=7&overdue=yes&q=%20%20'))).toEqual({ filter: { open: true }, page: 1, pageSize: 20 });
  });

  it('reads back every filter and the page it wrote, and leaves the region alone', () => {
    const s = {
      filter: { q: '楼道', compoundId: 'c1', gridId: 'g1', majorCode: '01', categoryCode: '0106', stage: 'dispatched', sourceChannel: 'patrol' as const, urgency: 'urgent' as const,
        handlerId: 'o1', overdue: true, open: false, reportedFrom: '2026-10-31T16:00:00.000Z', reportedTo: '2026-11-27T16:00:00.000Z' },
      page: 3, pageSize: 50,
    };
    const p = withListState(new URLSearchParams('region=r1&page=9&stage=old'), s);
    expect(p.get('region')).toBe('r1');
    expect(p.get('state')).toBe('ended');
    expect(listStateOf(p)).toEqual(s);
    const all = withListState(p, { filter: { open: undefined }, page: 1, pageSize: 20 });
    expect(all.toString()).toBe('region=r1&state=all');
    expect(listStateOf(all).filter).toEqual({});
  });

  it('links a KPI period of China days to the cases reported in it, of every state', () => {
    expect(reportedBetween('2026-11-01', '2026-11-27')).toEqual({ reportedFrom: '2026-10-31T16:00:00.000Z', reportedTo: '2026-11-27T16:00:00.000Z' });
    const path = incidentListPath({ ...reportedBetween('2026-11-01', '2026-11-27'), gridId: 'g1' }, 'r1');
    const p = new URLSearchParams(path.split('?')[1]);
    expect(path.startsWith('/incidents?')).toBe(true);
    expect([p.get('region'), p.get('gridId'), p.get('state')]).toEqual(['r1', 'g1', 'all']);
  });
});
