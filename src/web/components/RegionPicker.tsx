import { Input, TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useRegion, type RegionNode } from '../app/region.tsx';
import { useT } from '../i18n/index.tsx';

interface TreeItem {
  value: string;
  title: string;
  selectable?: boolean;
  children: TreeItem[];
}

/** antd tree data from region nodes; places shown only to reach granted ones are not selectable. */
export function regionTreeData(nodes: RegionNode[], valueOf: (n: RegionNode) => string, nameOf: (n: RegionNode) => string): TreeItem[] {
  return nodes.map((n) => ({
    value: valueOf(n),
    title: nameOf(n),
    ...(n.ancestorOnly ? { selectable: false } : {}),
    children: regionTreeData(n.children, valueOf, nameOf),
  }));
}

/** The header's place picker: the tree of places the user's grants cover; the choice goes to the region context and the URL. */
export function RegionPicker({ id, style }: { id: string; style?: CSSProperties }) {
  const t = useT();
  const region = useRegion();
  const nameOf = (n: RegionNode) => (n.scopePath === '/' ? t('region.all') : n.code && n.code !== n.name ? t('region.nameWithCode', { name: n.name, code: n.code }) : n.name);
  return (
    <TreeSelect
      id={id}
      aria-label={t('region.label')}
      style={style}
      value={region.selected?.id}
      placeholder={t('region.placeholder')}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll={region.regions.length <= 60}
      loading={region.loading}
      treeData={regionTreeData(region.tree, (n) => n.id, nameOf)}
      onChange={(v) => region.setRegion((v as string | undefined) ?? null)}
      popupMatchSelectWidth={false}
      notFoundContent={t('region.none')}
    />
  );
}

/** Props of ScopePathPicker; id and aria-* come from the surrounding Form.Item. */
export interface ScopePathPickerProps {
  includeRoot: boolean;
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  [aria: `aria-${string}`]: string | boolean | undefined;
}

/** A scope-path field for grants: a tree when /api/regions answers, else a path typed by hand (`/511300/511302/`). */
export function ScopePathPicker({ value, onChange, includeRoot, ...rest }: ScopePathPickerProps) {
  const t = useT();
  const region = useRegion();
  if (region.source !== 'api') {
    return <Input {...rest} value={value} onChange={(e) => onChange?.(e.target.value)} placeholder="/511300/511302/" spellCheck={false} />;
  }
  const nameOf = (n: RegionNode) => t('region.nameWithCode', { name: n.name, code: n.code });
  // Places shown only as ancestors lie outside the manager's own grant scope, so they stay unselectable here too.
  const data = regionTreeData(region.tree, (n) => n.scopePath, nameOf);
  return (
    <TreeSelect
      {...rest}
      value={value}
      onChange={(v) => onChange?.(v as string)}
      showSearch
      treeNodeFilterProp="title"
      placeholder={t('grants.scopePlaceholder')}
      treeData={includeRoot ? [{ value: '/', title: t('region.all'), children: data }] : data}
      popupMatchSelectWidth={false}
    />
  );
}
