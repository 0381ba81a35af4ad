import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Empty, Flex, List, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useAuth } from '../../app/auth.tsx';
import { useRegion } from '../../app/region.tsx';
import { useT } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { listBodies, type JointBodyView } from './api.ts';
import { BodyFormModal } from './BodyFormModal.tsx';
import { LEVEL_COLOR, levelLabel } from './labels.ts';
import { StatsCard } from './StatsCard.tsx';
import { ThresholdsCard } from './ThresholdsCard.tsx';

/** The four-level joint meetings under the chosen place: figures, thresholds, and each body with its chair and what waits on it. */
export default function JointMeetingsPage() {
  const t = useT();
  const auth = useAuth();
  const region = useRegion();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const placeId = region.selected?.id ?? null;
  const [bodies, setBodies] = useState<JointBodyView[]>([]);
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setBodies((await listBodies(placeId)).items);
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [placeId, handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  const link = (b: JointBodyView) => region.withRegion(`/joint-meetings/${b.id}`);
  const level = (b: JointBodyView) => <Tag color={LEVEL_COLOR[b.level]}>{levelLabel(t, b.level)}</Tag>;
  const tasks = (b: JointBodyView) => (
    <Typography.Text type={b.overdueTasks ? 'danger' : undefined}>{t('joint.list.taskCount', { open: b.openTasks, overdue: b.overdueTasks })}</Typography.Text>
  );
  const columns: TableColumnsType<JointBodyView> = [
    { title: t('joint.list.name'), key: 'name', render: (_: unknown, b) => <Link to={link(b)}>{b.name}</Link> },
    { title: t('joint.list.level'), key: 'level', width: 120, render: (_: unknown, b) => level(b) },
    { title: t('joint.list.chair'), key: 'chair', width: 200, render: (_: unknown, b) => b.chairThisMonth?.name ?? t('joint.rota.none') },
    { title: t('joint.list.pending'), key: 'pending', width: 100, render: (_: unknown, b) => (b.pendingItems ? <Tag color="orange">{b.pendingItems}</Tag> : 0) },
    { title: t('joint.list.tasks'), key: 'tasks', width: 110, render: (_: unknown, b) => tasks(b) },
    { title: t('joint.list.lastHeld'), key: 'last', width: 120, render: (_: unknown, b) => b.lastHeldOn ?? t('joint.list.never') },
  ];

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('joint.page.list')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>{t('common.refresh')}</Button>
          {auth.can('incident.configure') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('joint.list.new')}</Button>}
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('joint.list.intro')}</Typography.Paragraph>
      <StatsCard placeId={placeId} />
      <Card styles={{ body: { padding: phone ? 8 : 16 } }}>
        {phone ? (
          <Spin spinning={loading}>
            {bodies.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('joint.list.empty')} /> : (
              <List
                dataSource={bodies}
                renderItem={(b) => (
                  <List.Item key={b.id}>
                    <List.Item.Meta
                      title={<Space wrap size={4}><Link to={link(b)}>{b.name}</Link>{level(b)}</Space>}
                      description={[`${t('joint.list.chair')}：${b.chairThisMonth?.name ?? t('joint.rota.none')}`, `${t('joint.list.pending')} ${b.pendingItems}`, `${t('joint.list.lastHeld')} ${b.lastHeldOn ?? t('joint.list.never')}`].join(' · ')}
                    />
                  </List.Item>
                )}
              />
            )}
          </Spin>
        ) : (
          <Table<JointBodyView> rowKey="id" size="middle" columns={columns} dataSource={bodies} loading={loading} pagination={false} locale={{ emptyText: t('joint.list.empty') }} />
        )}
      </Card>
      <ThresholdsCard scopePath={region.scopePath} />
      <BodyFormModal open={creating} onClose={() => setCreating(false)} onDone={(b) => { setCreating(false); navigate(link(b)); }} />
    </Flex>
  );
}
