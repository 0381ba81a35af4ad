import { describe, expect, it } from 'vitest';
import { categoryTree, coveredMinors, percent } from './labels.ts';

const categories = [
  { code: '01', name: { zh: '市容环境', en: 'City appearance' }, parentCode: null },
  { code: '0106', name: { zh: '楼道堆物', en: 'Stairwell clutter' }, parentCode: '01' },
  { code: '0107', name: { zh: '绿地种菜', en: 'Vegetables on green space' }, parentCode: '01' },
  { code: '05', name: { zh: '街面秩序', en: 'Street order' }, parentCode: null },
  { code: '0505', name: { zh: '消防通道堵塞', en: 'Blocked fire lane' }, parentCode: '05' },
];

describe('campaign screen helpers', () => {
  it('offers for findings the 小类 a campaign covers: listed ones and those under a listed 大类', () => {
    expect(coveredMinors(categories, ['0107', '05']).map((c) => c.code)).toEqual(['0107', '0505']);
    expect(coveredMinors(categories, ['01']).map((c) => c.code)).toEqual(['0106', '0107']);
    expect(coveredMinors(categories, [])).toEqual([]);
  });

  it('builds the problem-type tree 大类 → 小类 in the UI language', () => {
    const tree = categoryTree(categories, 'en');
    expect(tree.map((n) => n.value)).toEqual(['01', '05']);
    expect(tree[0].children.map((c) => c.title)).toEqual(['0106 Stairwell clutter', '0107 Vegetables on green space']);
  });

  it('shows coverage as a percentage with one decimal', () => {
    expect(percent(1 / 3)).toBe(33.3);
    expect(percent(0)).toBe(0);
    expect(percent(1)).toBe(100);
  });
});
