import { useCallback, useEffect, useState } from 'react';
import { Checkbox, Empty, Flex, List, Pagination, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { EscalationEventView, IncidentSummary } from '../../../shared/escalation.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion } from '../../app/region.tsx';
import { useI18n, useT } from '../../i18n/index.tsx';
import { listEscalated, type JointBodyView } from './api.ts';
import { cstTime, kindLabel, LEVEL_COLOR, levelLabel } from './labels.ts';

const PAGE = 20;

/** Everything that rose to this body's place and level, newest first, with where each incident stands now. */
export function EscalatedTab({ body }: { body: JointBodyView }) {
  const t = useT();
  const { lang } = useI18n();
  const region = useRegion();
  const handleError = useApiErrorHandler();
  const [open, setOpen] = useState(true);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: { escalation: EscalationEventView; incident: IncidentSummary | null }[]; total: number } | null>(null);

  const load = useCallback(() => listEscalated(body.id, open, page, PAGE).then(setData, (e: unknown) => handleError(e)), [body.id, open, page, handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Flex vertical gap={12}>
      <Checkbox checked={open} onChange={(e) => { setPage(1); setOpen(e.target.checked); }}>{t('joint.escalated.onlyOpen')}</Checkbox>
      <Spin spinning={!data}>
        {data && data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('joint.escalated.empty')} /> : (
          <List
            bordered
            dataSource={data?.items ?? []}
            renderItem={({ escalation: e, incident: i }) => (
              <List.Item key={e.id}>
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Space wrap size={4}>
                    <Tag color={e.kind === 'overdue' ? 'red' : 'blue'}>{kindLabel(t, e.kind)}</Tag>
                    {i && <Link to={region.withRegion(`/incidents/${i.id}`)} style={{ wordBreak: 'break-word' }}>{(lang === 'en' ? i.categoryName.en : i.categoryName.zh)}：{i.description}</Link>}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {[`${t('joint.escalated.from')} ${levelLabel(t, e.fromLevel)}`, `${e.actorName} · ${cstTime(e.at)}`, e.reason].filter(Boolean).join(' · ')}
                  </Typography.Text>
                  {i && (
                    <Space wrap size={4}>
                      <Typography.Text style={{ fontSize: 13 }}>{t('joint.escalated.now')}：</Typography.Text>
                      <Tag color={LEVEL_COLOR[i.level]}>{levelLabel(t, i.level)}</Tag>
                      <Tag>{lang === 'en' ? i.stageName.en : i.stageName.zh}</Tag>
                      {!i.open && <Tag color="green">{t('joint.escalated.ended')}</Tag>}
                      {i.overdue && <Tag color="error">{t('joint.agenda.overdue')}</Tag>}
                    </Space>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Spin>
      {data && data.total > PAGE && <Pagination simple style={{ justifyContent: 'center' }} current={page} pageSize={PAGE} total={data.total} onChange={setPage} />}
    </Flex>
  );
}
