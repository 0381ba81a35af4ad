import { useState } from 'react';
import { Button, Card, Flex, List, Segmented, Space, Tag, Typography } from 'antd';
import { CheckSquareOutlined, StopOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { CampaignView, TaskView } from '../../../shared/campaigns.ts';
import { useRegion } from '../../app/region.tsx';
import { useT } from '../../i18n/index.tsx';
import { dateTime } from '../../components/dateTime.ts';
import { usePagedList } from '../../components/pagedList.ts';
import { listTasks, type TaskFilter } from './api.ts';
import { InspectionModal } from './InspectionModal.tsx';
import { resultLabel, TASK_STATUS_COLOR, taskStatusLabel } from './labels.ts';
import { WaiveModal } from './WaiveModal.tsx';

type Shown = 'open' | 'inspected' | 'waived' | 'all';

/**
 * The campaign's inspection tasks, the compounds not yet inspected first (status=open): each with "record inspection" and
 * "waive with reason" as the server allows; inspected ones show the result and the incidents their findings became.
 */
export function TasksPanel({ campaign, refreshKey, onChanged }: { campaign: CampaignView; refreshKey: number; onChanged(): void }) {
  const t = useT();
  const region = useRegion();
  const [shown, setShown] = useState<Shown>('open');
  const list = usePagedList<TaskView, TaskFilter>((f, page, size, signal) => listTasks(campaign.id, { ...f, status: shown === 'all' ? undefined : shown }, page, size, signal), {}, `${shown}:${refreshKey}`);
  const [inspecting, setInspecting] = useState<TaskView | null>(null);
  const [waiving, setWaiving] = useState<TaskView | null>(null);
  const done = () => {
    setInspecting(null);
    setWaiving(null);
    onChanged();
  };

  const detail = (x: TaskView) => {
    if (x.status === 'inspected') {
      return (
        <Flex vertical gap={2}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('campaigns.task.inspectedLine', { result: resultLabel(t, x.result ?? ''), at: dateTime(x.inspectedAt), by: x.inspectedBy ?? '' })}
          </Typography.Text>
          {x.findings.map((f) => (
            <Link key={f.id} to={region.withRegion(`/incidents/${f.incidentId}`)} style={{ overflowWrap: 'anywhere' }}>
              {t('campaigns.task.findingLink', { code: f.categoryCode, text: f.description })}
            </Link>
          ))}
          {x.note && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{x.note}</Typography.Text>}
        </Flex>
      );
    }
    if (x.status === 'waived') {
      return <Typography.Text type="secondary" style={{ fontSize: 13, overflowWrap: 'anywhere' }}>{t('campaigns.task.waivedLine', { reason: x.waiveReason ?? '', by: x.waivedBy ?? '', at: dateTime(x.waivedAt) })}</Typography.Text>;
    }
    return null;
  };

  return (
    <Card
      size="small"
      title={t('campaigns.tasks.title')}
      extra={<Typography.Text type="secondary">{t('common.total', { n: list.data.total })}</Typography.Text>}
    >
      <Segmented<Shown>
        value={shown}
        onChange={setShown}
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
        options={[
          { value: 'open', label: t('campaigns.tasks.open') },
          { value: 'inspected', label: t('campaigns.taskStatus.inspected') },
          { value: 'waived', label: t('campaigns.taskStatus.waived') },
          { value: 'all', label: t('common.all') },
        ]}
      />
      <List
        aria-label={t('campaigns.tasks.title')}
        loading={list.loading}
        dataSource={list.data.items}
        rowKey="id"
        locale={{ emptyText: shown === 'open' ? (campaign.status === 'planned' ? t('campaigns.notStartedHelp') : t('campaigns.tasks.noneOpen')) : t('campaigns.tasks.empty') }}
        pagination={list.data.total > list.paging.pageSize ? { ...list.pagination, simple: true } : false}
        renderItem={(x) => (
          <List.Item data-testid="campaign-task">
            <Flex justify="space-between" align="start" wrap gap={8} style={{ width: '100%', minWidth: 0 }}>
              <Flex vertical gap={2} style={{ minWidth: 0, flex: '1 1 200px' }}>
                <Space wrap size={4}>
                  <Typography.Text strong>{x.compound.name}</Typography.Text>
                  <Typography.Text type="secondary">{x.community.name}</Typography.Text>
                  <Tag color={TASK_STATUS_COLOR[x.status]} style={{ marginInlineEnd: 0 }}>{taskStatusLabel(t, x.status)}</Tag>
                  {x.origin === 'added' && <Tag style={{ marginInlineEnd: 0 }}>{t('campaigns.task.added')}</Tag>}
                </Space>
                {detail(x)}
              </Flex>
              {(x.abilities.inspect || x.abilities.waive) && (
                <Space wrap size={4}>
                  {x.abilities.inspect && <Button size="small" type="primary" icon={<CheckSquareOutlined />} onClick={() => setInspecting(x)}>{t('campaigns.task.inspect')}</Button>}
                  {x.abilities.waive && <Button size="small" icon={<StopOutlined />} onClick={() => setWaiving(x)}>{t('campaigns.task.waive')}</Button>}
                </Space>
              )}
            </Flex>
          </List.Item>
        )}
      />
      {inspecting && <InspectionModal campaign={campaign} task={inspecting} onClose={() => setInspecting(null)} onDone={done} />}
      {waiving && <WaiveModal task={waiving} onClose={() => setWaiving(null)} onDone={done} />}
    </Card>
  );
}
