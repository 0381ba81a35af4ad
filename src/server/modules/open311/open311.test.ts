import { describe, expect, it } from 'vitest';
import { CATEGORIES_V1, distanceMetres } from '../incidents/index.ts';
import { formBody, nearest, open311Errors, parseW3c, personName, redact, requestStatus, servicesOf, statusNotes, updateStatus } from './open311.ts';

describe('Open311 mapping', () => {
  it('turns every 小类 into a service grouped by its 大类, and no 大类', () => {
    const s = servicesOf(CATEGORIES_V1, 'zh');
    expect(s.length).toBe(CATEGORIES_V1.filter((c) => c.code.length === 4).length);
    expect(s.find((x) => x.service_code === '0401')).toMatchObject({ service_name: '管道破裂', group: '突发事件', description: '突发事件：管道破裂。立案后 2 小时内处置（紧急）。' });
  });

  it('maps stages to the spec status and to FixMyStreet’s extended states', () => {
    expect([requestStatus(null), requestStatus('2026-10-01T00:00:00.000Z')]).toEqual(['open', 'closed']);
    expect(['reported', 'accepted', 'dispatched', 'handling', 'confirming', 'suspended', 'closed', 'closed_unfixed', 'cancelled'].map((s) => updateStatus(s, 'x')))
      .toEqual(['OPEN', 'INVESTIGATING', 'ACTION_SCHEDULED', 'IN_PROGRESS', 'IN_PROGRESS', 'ACTION_SCHEDULED', 'FIXED', 'NO_FURTHER_ACTION', 'CLOSED']);
    expect([updateStatus('invalid', 'merge'), updateStatus('invalid', 'invalidate')]).toEqual(['DUPLICATE', 'CLOSED']);
    expect(statusNotes({ zh: '不予受理', en: 'Not accepted' }, 'invalid', 'x', 'en')).toBe('Duplicate: merged with a report of the same problem');
  });

  it('masks mobile and ID numbers in public text, and leaves other numbers alone', () => {
    expect(redact('联系 13912345678，身份证 51130219800101123X，3 栋 502 室，订单 2026100112345678901')).toBe('联系 139****5678，身份证 511***********123X，3 栋 502 室，订单 2026100112345678901');
  });

  it('reads names, dates, form bodies and the nearest compound', () => {
    expect([personName('明', '张'), personName('Ming', 'Zhang'), personName(' ', undefined)]).toEqual(['张明', 'Ming Zhang', null]);
    expect([parseW3c('2026-10-01'), parseW3c('2026-10-01T08:00:00+08:00'), parseW3c('2026-10-01T00:00:00Z'), parseW3c('yesterday'), parseW3c('2026-13-45')])
      .toEqual(['2026-09-30T16:00:00.000Z', '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z', null, null]);
    expect(formBody('service_code=0106&lat=&long=106.1&attribute%5Bcompound%5D=abc&description=a+b')).toEqual({ service_code: '0106', long: '106.1', attribute: { compound: 'abc' }, description: 'a b' });
    const pts = [{ id: 'a', lat: 30.8, lng: 106.08 }, { id: 'b', lat: 30.802, lng: 106.08 }];
    expect(nearest({ lat: 30.8015, lng: 106.08 }, pts, 300, distanceMetres)?.item.id).toBe('b');
    expect(nearest({ lat: 31, lng: 106.08 }, pts, 300, distanceMetres)).toBeNull();
  });

  it('names the Open311 field of each problem', () => {
    expect(open311Errors(400, 'x', [{ field: 'categoryCode', code: 'CATEGORY_UNKNOWN', zh: '没有小类', en: 'No such category' }], 'en')).toEqual([{ code: 400, description: 'service_code: No such category' }]);
    expect(open311Errors(404, 'Not found', [], 'en')).toEqual([{ code: 404, description: 'Not found' }]);
  });
});
