import { Link } from 'react-router';
import { Button, Card, Flex, List, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ProjectOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { IncidentView } from '../../../shared/incidents.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { listIncidents } from './api.ts';
import { useCalendarMarks, useCurrentCategories, useLoopDefs, usePlaceNames } from './hooks.ts';
import { IncidentFilters } from './IncidentFilters.tsx';
import { useListInUrl } from '../../components/listInUrl.ts';
import { usePageLoad, usePagination } from '../../components/pagedList.ts';
import { incidentList } from './listUrl.ts';
import { nameIn, sourceLabel, urgencyLabel } from './labels.ts';
import { DueInfo, StageTag } from './parts.tsx';

/** Overdue rows and cards are tinted red. */
export const OVERDUE_BG = '#fff1f0';

/**
 * 事件列表: the incidents of the chosen place, server-paged, with filters; overdue rows are tinted and say how long they
 * are overdue. On a phone the rows become cards. The filters and the page live in the address.
 */
export default function IncidentsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const region = useRegion();
  const regionId = useRegionId();
  const isPhone = useIsPhone();
  const categories = useCurrentCategories();
  const loop = useLoopDefs();
  const { filter, page, pageSize, change, turnPage } = useListInUrl(incidentList, regionId);
  const { data, loading, reload } = usePageLoad(JSON.stringify([filter, regionId, page, pageSize]), (signal) => listIncidents({ ...filter, regionId }, page, pageSize, signal));
  const marks = useCalendarMarks(...data.items.map((i) => i.deadlineAt));
  const places = usePlaceNames(data.items);

  const filtered = Object.entries(filter).some(([k, v]) => k !== 'open' && v !== undefined && v !== '');
  const link = (i: IncidentView) => region.withRegion(`/incidents/${i.id}`);
  const place = (i: IncidentView) => [places.community(i.communityId), places.compound(i.compoundId) ?? i.address].filter(Boolean).join(' · ');
  const category = (i: IncidentView) => nameIn(i.categoryName, lang) || i.categoryCode;

  const columns: TableColumnsType<IncidentView> = [
    {
      title: t('incidents.field.incident'),
      key: 'incident',
      width: 300,
      render: (_: unknown, i) => (
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Space size={4} wrap>
            <Link to={link(i)} aria-label={t('incidents.list.open', { name: category(i) })}>{category(i)}</Link>
            {i.urgency === 'urgent' && <Tag color="volcano">{urgencyLabel(t, i.urgency)}</Tag>}
          </Space>
          <Typography.Text type="secondary" ellipsis={{ tooltip: i.description }} style={{ maxWidth: 280 }}>{i.description}</Typography.Text>
          {i.caseNo && <Typography.Text type="secondary" copyable={{ text: i.caseNo }} style={{ fontSize: 12 }}>{t('incidents.caseNo', { no: i.caseNo })}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: t('incidents.field.place'),
      key: 'place',
      width: 190,
      render: (_: unknown, i) => (
        <Flex vertical>
          <span>{place(i)}</span>
          {i.gridId && <Typography.Text type="secondary">{places.grid(i.gridId) ?? ''}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: t('incidents.field.stage'),
      key: 'stage',
      width: 130,
      render: (_: unknown, i) => (
        <Flex vertical gap={2} align="flex-start">
          <StageTag i={i} />
          {i.counts.rework > 0 && <Tag color="orange">{t('incidents.board.rework', { n: i.counts.rework })}</Tag>}
        </Flex>
      ),
    },
    { title: t('incidents.field.deadline'), key: 'deadline', width: 180, render: (_: unknown, i) => <DueInfo i={i} marks={marks} compact /> },
    { title: t('incidents.field.handler'), key: 'handler', width: 160, responsive: ['lg'], render: (_: unknown, i) => i.handler?.name ?? t('common.none') },
    { title: t('incidents.field.source'), key: 'source', width: 110, responsive: ['xxl'], render: (_: unknown, i) => sourceLabel(t, i.sourceChannel) },
    { title: t('incidents.field.reportedAt'), dataIndex: 'reportedAt', key: 'reportedAt', width: 140, responsive: ['xxl'], render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
  ];
  const pagination = usePagination(page, pageSize, data.total, turnPage);
  const empty = filtered ? t('incidents.list.emptyFiltered') : t('incidents.list.empty');

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('incidents.page.list')}
        </Typography.Title>
        <Space wrap>
          {can('incident.dispatch') && (
            <Link to={region.withRegion('/incidents/dispatch')}>
              <Button icon={<ProjectOutlined />}>{t('incidents.page.dispatch')}</Button>
            </Link>
          )}
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('common.refresh')}
          </Button>
        </Space>
      </Flex>
      <Card>
        <IncidentFilters filter={filter} onChange={change} regionId={regionId} categories={categories} loop={loop} />
        {isPhone ? (
          <List<IncidentView>
            loading={loading}
            dataSource={data.items}
            locale={{ emptyText: empty }}
            pagination={{ ...pagination, size: 'small' }}
            renderItem={(i) => (
              <List.Item key={i.id} style={{ display: 'block', background: i.overdue ? OVERDUE_BG : undefined, padding: '10px 8px' }} data-overdue={i.overdue || undefined}>
                <Flex vertical gap={4} style={{ minWidth: 0 }}>
                  <Flex justify="space-between" gap={8} align="center">
                    <Link to={link(i)} aria-label={t('incidents.list.open', { name: category(i) })} style={{ fontWeight: 600 }}>{category(i)}</Link>
                    <StageTag i={i} />
                  </Flex>
                  <Typography.Text style={{ overflowWrap: 'anywhere' }}>{i.description}</Typography.Text>
                  <Typography.Text type="secondary">{place(i)}</Typography.Text>
                  <DueInfo i={i} marks={marks} compact />
                  {i.handler && <Typography.Text type="secondary">{t('incidents.list.handledBy', { name: i.handler.name })}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Table<IncidentView>
            rowKey="id"
            columns={columns}
            dataSource={data.items}
            loading={loading}
            scroll={{ x: 'max-content' }}
            onRow={(i) => (i.overdue ? { style: { background: OVERDUE_BG }, 'data-overdue': 'true' } as React.HTMLAttributes<HTMLElement> : {})}
            locale={{ emptyText: empty }}
            pagination={pagination}
          />
        )}
      </Card>
    </Flex>
  );
}
