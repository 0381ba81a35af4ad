import type { ReactNode } from 'react';
import { Card, Empty, Pagination, Spin, Table, type TableColumnsType, type TableProps } from 'antd';
import type { Page } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

/** One phone card of a list: its heading, what stands at its right, and its body. */
export interface ListCard {
  title: ReactNode;
  extra?: ReactNode;
  body: ReactNode;
}

/**
 * A server-paged list (see usePagedList) as a table on desktops and as cards on phones, with the same pagination and
 * empty text; `table` passes further table settings (row selection).
 */
export function PagedListView<T extends { id: string }>(props: {
  list: { data: Page<T>; loading: boolean; pagination: TableProps<T>['pagination'] & object };
  phone: boolean;
  label: string;
  empty: string;
  columns: TableColumnsType<T>;
  scrollX: number;
  card(item: T): ListCard;
  table?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'loading' | 'pagination' | 'rowKey'>;
}) {
  const t = useT();
  const { list, empty } = props;
  if (!props.phone) {
    return (
      <Table<T> rowKey="id" columns={props.columns} dataSource={list.data.items} loading={list.loading} scroll={{ x: props.scrollX }} locale={{ emptyText: empty }} pagination={list.pagination} {...props.table} />
    );
  }
  return (
    <Spin spinning={list.loading}>
      {list.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.loading ? t('common.loading') : empty} />
      ) : (
        <ul aria-label={props.label} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
          {list.data.items.map((item) => {
            const c = props.card(item);
            return (
              <li key={item.id}>
                <Card size="small" title={c.title} extra={c.extra} styles={{ body: { padding: 12 } }}>{c.body}</Card>
              </li>
            );
          })}
        </ul>
      )}
      {list.data.total > 0 && <Pagination simple style={{ marginTop: 12, justifyContent: 'center' }} {...list.pagination} />}
    </Spin>
  );
}
