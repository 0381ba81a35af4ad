import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Flex, Space, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { MatterAction } from '../../../shared/deliberation.ts';
import { useRecord } from '../../api/useRecord.ts';
import { FullPageSpin, NoAccess } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { getMatter } from './api.ts';
import { EventActionModal } from './EventActionModal.tsx';
import { categoryLabel, nameIn } from './labels.ts';
import { MatterFormModal } from './MatterFormModal.tsx';
import { ActionItemsPanel } from './matter/ActionItemsPanel.tsx';
import { EvaluationsPanel } from './matter/EvaluationsPanel.tsx';
import { MatterFacts, StageSteps, StageTag } from './matter/MatterOverview.tsx';
import { MatterTimeline } from './matter/MatterTimeline.tsx';
import { MeetingsPanel } from './matter/MeetingsPanel.tsx';
import { OpinionsPanel } from './matter/OpinionsPanel.tsx';
import { ParticipantsPanel } from './matter/ParticipantsPanel.tsx';

/**
 * One matter: its stages as steps, facts, the stage actions the caller may take (from the server's abilities), the
 * timeline, and panels for participants, meetings, action items, evaluations and linked opinions.
 */
export default function MatterPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const [action, setAction] = useState<MatterAction | null>(null);
  const [editing, setEditing] = useState(false);
  const { record: m, setRecord, state, reload } = useRecord(() => getMatter(id), id);

  if (state === 'loading') return <FullPageSpin />;
  if (state === 'noAccess') return <NoAccess />;
  if (!m) return <Alert type="error" showIcon title={t('error.unexpected')} />;

  const events = m.abilities.events;
  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap align="center" style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {m.title}
          </Typography.Title>
          <StageTag m={m} />
          <Tag>{categoryLabel(t, m.category)}</Tag>
          {m.outcome && <Tag color={m.outcome === 'resolved' ? 'green' : 'default'}>{t.dyn(`matters.outcome.${m.outcome}`, m.outcome)}</Tag>}
        </Space>
        {m.abilities.edit && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        )}
      </Flex>

      <Card>
        <StageSteps matter={m} />
      </Card>

      <Card title={t('matters.detail.actions')} size="small">
        {events.length ? (
          <Flex wrap gap={8}>
            {events.map((e, i) => (
              <Button key={e.event} type={i === 0 ? 'primary' : 'default'} icon={<ThunderboltOutlined />} onClick={() => setAction(e)}>
                {nameIn(e.name, lang) || e.event}
              </Button>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{m.terminal ? t('matters.detail.closed') : t('matters.detail.noActions')}</Typography.Text>
        )}
      </Card>

      <Card title={t('matters.detail.overview')}>
        <MatterFacts matter={m} />
      </Card>

      <Card>
        <Tabs
          items={[
            { key: 'timeline', label: t('matters.tab.timeline'), children: <MatterTimeline matter={m} /> },
            { key: 'participants', label: t('matters.tab.participants'), children: <ParticipantsPanel matter={m} onChanged={() => void reload()} /> },
            { key: 'meetings', label: t('matters.tab.meetings'), children: <MeetingsPanel matter={m} /> },
            { key: 'actions', label: t('matters.tab.actions'), children: <ActionItemsPanel matter={m} /> },
            { key: 'evaluations', label: t('matters.tab.evaluations'), children: <EvaluationsPanel matter={m} onChanged={() => void reload()} /> },
            { key: 'opinions', label: t('matters.tab.opinionsCount', { n: m.opinions.length }), children: <OpinionsPanel matter={m} /> },
          ]}
        />
      </Card>

      {action && (
        <EventActionModal
          matter={m}
          action={action}
          onClose={() => setAction(null)}
          onDone={(next) => {
            setAction(null);
            setRecord(next);
          }}
        />
      )}
      {editing && (
        <MatterFormModal
          matter={m}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            setRecord(next);
          }}
        />
      )}
    </Flex>
  );
}
