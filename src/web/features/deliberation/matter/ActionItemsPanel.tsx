import { useCallback, useEffect, useState } from 'react';
import { Button, Flex, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ActionItemView, MatterDetail } from '../../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { listActions } from '../api.ts';
import { ActionModal, CompleteActionModal } from './ActionModals.tsx';
import { AttachmentLinks } from './MatterTimeline.tsx';

/** The execution's action items: executor, due date (red when overdue), completion with evidence; add, edit, complete. */
export function ActionItemsPanel({ matter }: { matter: MatterDetail }) {
  const { t } = useI18n();
  const handleError = useApiErrorHandler();
  const [items, setItems] = useState<ActionItemView[]>([]);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<ActionItemView | 'new' | null>(null);
  const [completing, setCompleting] = useState<ActionItemView | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await listActions(matter.id));
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [matter.id, handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  const none = t('common.none');
  const columns: TableColumnsType<ActionItemView> = [
    { title: t('matters.actions.title'), dataIndex: 'title', key: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('matters.field.executorOrg'), key: 'executor', render: (_: unknown, a) => a.executorOrg?.name ?? none },
    {
      title: t('matters.actions.dueDate'),
      dataIndex: 'dueDate',
      key: 'dueDate',
      render: (v: string | null, a) =>
        v ? (
          <Space size={4}>
            <Typography.Text type={a.overdue ? 'danger' : undefined}>{v}</Typography.Text>
            {a.overdue && <Tag color="red">{t('matters.overdue')}</Tag>}
          </Space>
        ) : (
          none
        ),
    },
    {
      title: t('matters.actions.status'),
      dataIndex: 'status',
      key: 'status',
      render: (v: string, a) =>
        v === 'done' ? (
          <Tag color="green">{t('matters.actions.done', { at: a.completedAt ? dayjs(a.completedAt).format('YYYY-MM-DD') : '' })}</Tag>
        ) : (
          <Tag color="blue">{t('matters.actions.open')}</Tag>
        ),
    },
    {
      title: t('matters.actions.completion'),
      key: 'completion',
      render: (_: unknown, a) =>
        a.status === 'done' ? (
          <Flex vertical gap={4} style={{ maxWidth: 360 }}>
            <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{a.completion}</span>
            {a.evidence.length > 0 && <AttachmentLinks ids={a.evidence} />}
          </Flex>
        ) : (
          none
        ),
    },
    {
      title: t('common.actions'),
      key: 'ops',
      render: (_: unknown, a) => (
        <Space size={0} wrap>
          {a.abilities.edit && a.status === 'open' && (
            <Button type="link" size="small" onClick={() => setEditing(a)}>
              {t('common.edit')}
            </Button>
          )}
          {a.abilities.complete && a.status === 'open' && (
            <Button type="link" size="small" icon={<CheckOutlined />} onClick={() => setCompleting(a)}>
              {t('matters.actions.complete')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const saved = () => {
    setEditing(null);
    setCompleting(null);
    void load();
  };
  return (
    <Flex vertical gap={12}>
      {matter.abilities.addActionItem && (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('matters.actions.add')}
          </Button>
        </Flex>
      )}
      <Table<ActionItemView>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('matters.actions.empty') }}
      />
      {editing && <ActionModal matter={matter} item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={saved} />}
      {completing && <CompleteActionModal matter={matter} item={completing} onClose={() => setCompleting(null)} onSaved={saved} />}
    </Flex>
  );
}
