import { useCallback, useEffect, useState } from 'react';
import { Collapse, Descriptions, Empty, Flex, List, Pagination, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion } from '../../app/region.tsx';
import { useT } from '../../i18n/index.tsx';
import { getSession, listSessions, type JointBodyView, type SessionDetail, type SessionView } from './api.ts';
import { effectLabel, stateLabel } from './labels.ts';

const PAGE = 10;

/** The body's sessions, latest first; each opens to its minutes, items, decisions and the tasks they sent down. */
export function SessionsTab({ body }: { body: JointBodyView }) {
  const t = useT();
  const handleError = useApiErrorHandler();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: SessionView[]; total: number } | null>(null);

  const load = useCallback(() => listSessions(body.id, page, PAGE).then(setData, (e: unknown) => handleError(e)), [body.id, page, handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  if (data && data.total === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('joint.sessions.empty')} />;
  return (
    <Spin spinning={!data}>
      <Collapse
        items={(data?.items ?? []).map((s) => ({
          key: s.id,
          label: (
            <Space wrap size={[8, 2]}>
              <Typography.Text strong>{s.heldOn}</Typography.Text>
              <Typography.Text>{s.place}</Typography.Text>
              <Typography.Text type="secondary">{t('joint.sessions.chair')}：{s.chair.name}</Typography.Text>
              <Tag>{t('joint.sessions.itemCount', { items: s.itemCount, decisions: s.decisionCount })}</Tag>
            </Space>
          ),
          children: <SessionBody id={s.id} />,
        }))}
      />
      {data && data.total > PAGE && <Pagination simple style={{ marginTop: 12, justifyContent: 'center' }} current={page} pageSize={PAGE} total={data.total} onChange={setPage} />}
    </Spin>
  );
}

function SessionBody({ id }: { id: string }) {
  const t = useT();
  const region = useRegion();
  const handleError = useApiErrorHandler();
  const [s, setS] = useState<SessionDetail | null>(null);
  useEffect(() => {
    getSession(id).then(setS, (e: unknown) => handleError(e));
  }, [id, handleError]);
  if (!s) return <Spin />;
  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('joint.sessions.attendance')}>{s.attendees.map((a) => a.name).join(t('common.listSep'))}</Descriptions.Item>
        <Descriptions.Item label={t('joint.sessions.minutes')}><Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{s.minutes}</Typography.Text></Descriptions.Item>
      </Descriptions>
      <List
        size="small"
        bordered
        dataSource={s.items}
        renderItem={(i) => (
          <List.Item key={i.id}>
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Space wrap size={4}>
                <Typography.Text strong style={{ wordBreak: 'break-word' }}>{i.seq}. {i.title}</Typography.Text>
                {i.incidentId && <Link to={region.withRegion(`/incidents/${i.incidentId}`)}>{t('joint.agenda.openIncident')}</Link>}
              </Space>
              {i.note && <Typography.Text type="secondary">{i.note}</Typography.Text>}
              {i.decision ? (
                <Typography.Text>
                  {t('joint.session.decision')}：{i.decision}（{i.responsibleOrg?.name} · {i.dueOn}）
                  {i.effect && <Tag style={{ marginInlineStart: 6 }} color={i.effect === 'dispatched' ? 'green' : 'default'}>{effectLabel(t, i.effect)}</Tag>}
                  {i.task && <Tag color={i.task.state === 'done' ? 'green' : i.task.overdue ? 'red' : 'blue'}>{i.task.overdue ? t('joint.tasks.overdue') : stateLabel(t, i.task.state)}</Tag>}
                </Typography.Text>
              ) : <Typography.Text type="secondary">{t('joint.sessions.noDecision')}</Typography.Text>}
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}
