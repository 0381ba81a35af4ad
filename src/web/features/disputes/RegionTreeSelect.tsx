import { TreeSelect } from 'antd';
import { useRegion, type RegionNode } from '../../app/region.tsx';
import { useT } from '../../i18n/index.tsx';

interface Item {
  value: string;
  title: string;
  disabled?: boolean;
  children: Item[];
}

function treeData(nodes: RegionNode[]): Item[] {
  return nodes.map((n) => ({ value: n.id, title: n.name, disabled: !!n.ancestorOnly, children: treeData(n.children) }));
}

/**
 * A place picker over the places the user may see (the tree of the header's picker, by region id); places shown only to
 * reach granted ones cannot be chosen. A Form.Item drives value and onChange.
 */
export function RegionTreeSelect(props: { id?: string; value?: string | null; onChange?(v: string | null): void; placeholder?: string; allowClear?: boolean; disabled?: boolean }) {
  const t = useT();
  const region = useRegion();
  const { value, onChange, placeholder, allowClear, ...rest } = props;
  return (
    <TreeSelect
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as string | undefined) ?? null)}
      treeData={treeData(region.tree)}
      treeDefaultExpandAll={region.regions.length <= 60}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder ?? t('region.placeholder')}
      notFoundContent={t('region.none')}
      popupMatchSelectWidth={false}
      loading={region.loading}
      style={{ width: '100%' }}
    />
  );
}

/** The first place in the tree the user may choose (breadth first): the default of pages that need one place. */
export function firstChoosable(tree: RegionNode[]): RegionNode | null {
  const queue = [...tree];
  while (queue.length) {
    const n = queue.shift()!;
    if (!n.ancestorOnly) return n;
    queue.push(...n.children);
  }
  return null;
}
