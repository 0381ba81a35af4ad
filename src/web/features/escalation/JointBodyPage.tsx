import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useRecord } from '../../api/useRecord.ts';
import { NoAccess } from '../../components/status.tsx';
import { useT } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { AgendaTab } from './AgendaTab.tsx';
import { getBody } from './api.ts';
import { BodyFormModal } from './BodyFormModal.tsx';
import { EscalatedTab } from './EscalatedTab.tsx';
import { LEVEL_COLOR, levelLabel } from './labels.ts';
import { RotaTab } from './RotaTab.tsx';
import { SessionsTab } from './SessionsTab.tsx';
import { TasksTab } from './TasksTab.tsx';

/** One joint meeting: who sits on it and chairs, the next agenda, the rota, sessions held, tasks sent down, and what rose to it. */
export default function JointBodyPage() {
  const { id = '' } = useParams();
  const t = useT();
  const phone = useIsPhone();
  const { record: body, state, reload } = useRecord(() => getBody(id), id);
  const [editing, setEditing] = useState(false);
  // Recording a session changes the agenda, sessions and tasks: bump the key so every tab loads afresh.
  const [round, setRound] = useState(0);
  const changed = () => {
    setRound((r) => r + 1);
    void reload();
  };

  if (state === 'noAccess') return <NoAccess />;
  if (!body) return <Spin style={{ display: 'block', margin: 48 }} />;

  const tabs = [
    { key: 'agenda', label: t('joint.tab.agenda'), children: <AgendaTab key={`a${round}`} body={body} onChanged={changed} /> },
    { key: 'rota', label: t('joint.tab.rota'), children: <RotaTab key={`r${round}`} body={body} onChanged={changed} /> },
    { key: 'sessions', label: t('joint.tab.sessions'), children: <SessionsTab key={`s${round}`} body={body} /> },
    { key: 'tasks', label: t('joint.tab.tasks'), children: <TasksTab key={`t${round}`} body={body} onChanged={changed} /> },
    { key: 'escalated', label: t('joint.tab.escalated'), children: <EscalatedTab key={`e${round}`} body={body} /> },
  ];
  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap size={8}>
          <Typography.Title level={3} style={{ margin: 0 }}>{body.name}</Typography.Title>
          <Tag color={LEVEL_COLOR[body.level]}>{levelLabel(t, body.level)}</Tag>
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={changed}>{t('common.refresh')}</Button>
          {body.abilities.configure && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('joint.detail.edit')}</Button>}
        </Space>
      </Flex>
      <Card size="small">
        <Descriptions size="small" column={phone ? 1 : 3}>
          <Descriptions.Item label={t('joint.detail.chairThisMonth')}>{body.chairThisMonth?.name ?? t('joint.rota.none')}</Descriptions.Item>
          <Descriptions.Item label={t('joint.list.lastHeld')}>{body.lastHeldOn ?? t('joint.list.never')}</Descriptions.Item>
          <Descriptions.Item label={t('joint.list.tasks')}>{t('joint.list.taskCount', { open: body.openTasks, overdue: body.overdueTasks })}</Descriptions.Item>
          <Descriptions.Item label={t('joint.detail.members')} span={phone ? 1 : 3}>
            <Space wrap size={[4, 4]}>{body.members.map((m) => <Tag key={m.id}>{m.name}</Tag>)}</Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs items={tabs} destroyOnHidden />
      </Card>
      <BodyFormModal open={editing} body={body} onClose={() => setEditing(false)} onDone={() => { setEditing(false); changed(); }} />
    </Flex>
  );
}
