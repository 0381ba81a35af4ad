import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Card, Empty, Flex, Space, Spin, Tag, Typography } from 'antd';
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import type { IncidentAction, IncidentDetail, IncidentView } from '../../../shared/incidents.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { getIncident, listIncidents } from './api.ts';
import { useCalendarMarks, usePlaceNames } from './hooks.ts';
import { IncidentActionModal } from './IncidentActionModal.tsx';
import { nameIn } from './labels.ts';
import { DueInfo, StageTag } from './parts.tsx';
import type { CalendarMarks } from './time.ts';

/** The board's columns: the stages of the loop up to verification, grouped as the desk works them. */
const COLUMNS = [
  { key: 'intake', stages: ['reported', 'accepted'] },
  { key: 'registered', stages: ['registered', 'returned'] },
  { key: 'dispatched', stages: ['dispatched'] },
  { key: 'handling', stages: ['signed', 'handling', 'extension_requested', 'suspension_requested'] },
  { key: 'verifying', stages: ['feedback', 'verifying', 'confirming', 'confirmed'] },
] as const;
/** Cards loaded per stage; the list view holds the rest. */
const PER_STAGE = 30;

type Column = { key: string; items: IncidentView[]; total: number };

/** One incident on the board: category, place, description, due time (red when overdue), and quick dispatch where it waits for it. */
function BoardCard({ i, place, marks, showStage, onOpen, onDispatch }: { i: IncidentView; place: string; marks: CalendarMarks; showStage: boolean; onOpen(): void; onDispatch?(): void }) {
  const { t, lang } = useI18n();
  const name = nameIn(i.categoryName, lang) || i.categoryCode;
  return (
    <Card
      size="small"
      hoverable
      data-incident={i.id}
      style={{ borderInlineStart: `3px solid ${i.overdue ? '#ff4d4f' : i.urgency === 'urgent' ? '#fa8c16' : '#1677ff'}`, background: i.overdue ? '#fff1f0' : undefined }}
      onClick={onOpen}
    >
      <Flex vertical gap={4}>
        <Flex justify="space-between" gap={6} align="start">
          <Typography.Link strong onClick={onOpen} aria-label={t('incidents.list.open', { name })}>{name}</Typography.Link>
          {showStage && <StageTag i={i} />}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[i.caseNo, place].filter(Boolean).join(' · ')}</Typography.Text>
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{i.description}</Typography.Paragraph>
        <DueInfo i={i} marks={marks} compact />
        {i.handler && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('incidents.list.handledBy', { name: i.handler.name })}</Typography.Text>}
        {i.counts.rework > 0 && <Tag color="orange" style={{ alignSelf: 'flex-start' }}>{t('incidents.board.rework', { n: i.counts.rework })}</Tag>}
        {onDispatch && (
          <Button
            size="small"
            type="primary"
            icon={<SendOutlined />}
            onClick={(e) => {
              e.stopPropagation();
              onDispatch();
            }}
            aria-label={t('incidents.board.dispatchOne', { name })}
          >
            {t('incidents.board.dispatch')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

/**
 * 派遣看板 for dispatchers: the open incidents of the chosen place as columns by stage, from intake to verification,
 * overdue cards red; a registered case is dispatched from its card (the suggested handler first).
 */
export default function DispatchBoardPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const region = useRegion();
  const regionId = useRegionId();
  const handleError = useApiErrorHandler();
  // On a phone one column fills most of the screen and the next peeks in, to be swiped to.
  const isPhone = useIsPhone();
  const [columns, setColumns] = useState<Column[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [dispatching, setDispatching] = useState<{ incident: IncidentDetail; action: IncidentAction } | null>(null);
  const all = (columns ?? []).flatMap((c) => c.items);
  const places = usePlaceNames(all);
  const marks = useCalendarMarks(...all.map((i) => i.deadlineAt));

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const cols = await Promise.all(COLUMNS.map(async (c) => {
        const pages = await Promise.all(c.stages.map((stage) => listIncidents({ regionId, stage, open: true }, 1, PER_STAGE)));
        // Most urgent first: overdue, then the earliest deadline, then the oldest report.
        const items = pages.flatMap((p) => p.items).sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.deadlineAt ?? '9').localeCompare(b.deadlineAt ?? '9') || a.reportedAt.localeCompare(b.reportedAt));
        return { key: c.key, items, total: pages.reduce((s, p) => s + p.total, 0) };
      }));
      setColumns(cols);
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [regionId, handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  const quickDispatch = async (id: string) => {
    try {
      const incident = await getIncident(id);
      const action = incident.abilities.events.find((e) => e.event === 'dispatch');
      if (action) setDispatching({ incident, action });
      else {
        handleError(new Error(t('incidents.event.gone')));
        void load();
      }
    } catch (e) {
      handleError(e);
    }
  };
  const open = (id: string) => navigate(region.withRegion(`/incidents/${id}`));
  const placeOf = (i: IncidentView) => [places.community(i.communityId), places.compound(i.compoundId) ?? i.address].filter(Boolean).join(' · ');

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('incidents.page.dispatch')}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>{t('common.refresh')}</Button>
      </Flex>
      <Spin spinning={loading}>
        {!columns ? (
          <Empty />
        ) : (
          <div style={{ overflowX: 'auto', paddingBottom: 8 }} role="region" aria-label={t('incidents.page.dispatch')} tabIndex={0}>
            <Flex gap={12} align="flex-start" style={{ minWidth: 'min-content' }}>
              {columns.map((c) => (
                <section key={c.key} aria-label={t.dyn(`incidents.board.col.${c.key}`, c.key)} data-column={c.key} style={{ ...(isPhone ? { flex: '0 0 78vw', width: '78vw' } : { flex: '1 0 180px', minWidth: 180, maxWidth: 340 }), background: '#f5f5f5', borderRadius: 8, padding: 8 }}>
                  <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                    <Space size={4}>
                      <Typography.Text strong>{t.dyn(`incidents.board.col.${c.key}`, c.key)}</Typography.Text>
                      {c.items.some((i) => i.overdue) && <Tag color="red">{t('incidents.board.overdue', { n: c.items.filter((i) => i.overdue).length })}</Tag>}
                    </Space>
                    <Badge count={c.total} showZero color="#1677ff" overflowCount={999} />
                  </Flex>
                  <Flex vertical gap={8}>
                    {c.items.map((i) => (
                      <BoardCard
                        key={i.id}
                        i={i}
                        place={placeOf(i)}
                        marks={marks}
                        showStage={COLUMNS.find((x) => x.key === c.key)!.stages.length > 1}
                        onOpen={() => open(i.id)}
                        onDispatch={i.abilities.events.some((e) => e.event === 'dispatch') ? () => void quickDispatch(i.id) : undefined}
                      />
                    ))}
                    {c.items.length === 0 && <Typography.Text type="secondary">{t('incidents.board.empty')}</Typography.Text>}
                    {c.total > c.items.length && <Typography.Text type="secondary">{t('incidents.board.more', { n: c.total - c.items.length })}</Typography.Text>}
                  </Flex>
                </section>
              ))}
            </Flex>
          </div>
        )}
      </Spin>
      {dispatching && (
        <IncidentActionModal
          incident={dispatching.incident}
          action={dispatching.action}
          onClose={() => setDispatching(null)}
          onDone={() => {
            setDispatching(null);
            void load();
          }}
        />
      )}
    </Flex>
  );
}
