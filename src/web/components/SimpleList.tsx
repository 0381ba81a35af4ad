import type { ReactNode } from 'react';
import { Empty } from 'antd';

/** A plain list (antd's List is deprecated in 6.6): one row per item with optional actions, and an empty state. */
export function SimpleList<T>({ items, rowKey, render, actions, empty, label }: { items: T[]; rowKey(i: T): string; render(i: T): ReactNode; actions?(i: T): ReactNode; empty: string; label?: string }) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((i) => (
        <li key={rowKey(i)} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, padding: '10px 0', borderBottom: '1px solid #f0f0f0', flexWrap: 'wrap' }}>
          <div style={{ minWidth: 0, flex: 1 }}>{render(i)}</div>
          {actions && <div>{actions(i)}</div>}
        </li>
      ))}
    </ul>
  );
}
