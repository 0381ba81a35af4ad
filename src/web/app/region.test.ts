import { describe, expect, it } from 'vitest';
import { makeT } from '../i18n/core.ts';
import { buildTree, flattenRegions, regionsFromGrants } from './region.tsx';

const r = (id: string, parentId: string | null, scopePath: string, extra: object = {}) => ({ id, code: id, name: `n${id}`, level: null, parentId, scopePath, ...extra });

describe('region tree', () => {
  it('flattens the nested answer of GET /api/regions and nests it again by parent', () => {
    const nested = [{ ...r('1', null, '/1/', { ancestorOnly: true }), children: [{ ...r('2', '1', '/1/2/'), children: [{ ...r('3', '2', '/1/2/3/'), children: [] }] }] }];
    const flat = flattenRegions(nested);
    expect(flat.map((x) => x.id)).toEqual(['1', '2', '3']);
    expect(flat[0]).not.toHaveProperty('children');
    const tree = buildTree(flat);
    expect(tree).toHaveLength(1);
    expect(tree[0].children[0].children[0].id).toBe('3');
  });

  it('stands the grants in for the tree when /api/regions is absent, nesting paths under their closest granted prefix', () => {
    const list = regionsFromGrants(['/511300/511302/511302001/', '/511300/', '/511300/511302/511302001/', '/'], makeT('zh-CN'));
    expect(list.map((x) => [x.id, x.parentId, x.name])).toEqual([
      ['/', null, '全部地区'],
      ['/511300/', '/', '511300'],
      ['/511300/511302/511302001/', '/511300/', '511302001'],
    ]);
  });
});
