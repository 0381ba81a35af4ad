import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, DatePicker, Flex, Form, List, Segmented, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { KPI_GROUPS, type KpiGroup, type KpiRow, type KpiTable } from '../../../shared/incidents.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { getKpis } from './api.ts';
import { nameIn } from './labels.ts';
import { incidentListPath, reportedBetween } from './listUrl.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

/**
 * 考核指标: the STANDARDS §1.4 indicators of a place for a period, one row per child region, grid, handling organisation
 * or reporting worker, with the total and the most frequent problems. A row's report count and a frequent problem open
 * the incident list filtered to those same cases.
 */
export default function KpiPage() {
  const { t, lang } = useI18n();
  const region = useRegion();
  const chosen = useRegionId();
  const handleError = useApiErrorHandler();
  // Four breakdowns do not fit side by side on a phone; a select does.
  const isPhone = useIsPhone();
  const firstPlace = region.regions.find((r) => !r.ancestorOnly && region.source === 'api');
  const [regionId, setRegionId] = useState<string | undefined>(chosen);
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [groupBy, setGroupBy] = useState<KpiGroup>('region');
  const [table, setTable] = useState<KpiTable | null>(null);
  const [loading, setLoading] = useState(false);
  const rid = regionId ?? chosen ?? firstPlace?.id;

  useEffect(() => setRegionId(chosen), [chosen]);
  useEffect(() => {
    if (!rid) return;
    const ac = new AbortController();
    setLoading(true);
    getKpis({ regionId: rid, from: period[0].format('YYYY-MM-DD'), to: period[1].format('YYYY-MM-DD'), groupBy }, ac.signal)
      .then(setTable)
      .catch((e: unknown) => {
        if ((e as Error)?.name !== 'AbortError') handleError(e);
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [rid, period, groupBy, handleError]);

  const head = (key: string) => (
    <Tooltip title={t.dyn(`incidents.kpi.formula.${key}`, '')}>
      <span>
        {t.dyn(`incidents.kpi.${key}`, key)} <QuestionCircleOutlined style={{ color: '#8c8c8c' }} />
      </span>
    </Tooltip>
  );
  // The list of the cases a row counts as reported: same place, same period; reporting workers have no list filter.
  const casesOf = (r: KpiRow): string | null => {
    if (!table) return null;
    const period = reportedBetween(table.from, table.to);
    if (r === table.total) return incidentListPath(period, table.regionId);
    if (table.groupBy === 'region') return incidentListPath(period, r.key);
    if (table.groupBy === 'grid') return incidentListPath({ ...period, gridId: r.key }, table.regionId);
    if (table.groupBy === 'org') return incidentListPath({ ...period, handlerId: r.key }, table.regionId);
    return null;
  };
  const reported = (r: KpiRow) => {
    const to = r.counts.reported ? casesOf(r) : null;
    return to ? <Link to={to} aria-label={t('incidents.kpi.openCases', { name: r.name, n: r.counts.reported })}>{r.counts.reported}</Link> : r.counts.reported;
  };
  const columns: TableColumnsType<KpiRow> = [
    { title: t('incidents.kpi.name'), key: 'name', fixed: 'left', render: (_: unknown, r) => r.name },
    { title: t('incidents.kpi.reported'), key: 'reported', align: 'right', render: (_: unknown, r) => reported(r) },
    { title: t('incidents.kpi.registered'), key: 'registered', align: 'right', render: (_: unknown, r) => r.counts.registered },
    { title: head('registrationRate'), key: 'registrationRate', align: 'right', render: (_: unknown, r) => pct(r.rates.registrationRate) },
    { title: t('incidents.kpi.due'), key: 'due', align: 'right', render: (_: unknown, r) => r.counts.due },
    { title: head('onTimeHandlingRate'), key: 'onTimeHandlingRate', align: 'right', render: (_: unknown, r) => pct(r.rates.onTimeHandlingRate) },
    { title: head('closingRate'), key: 'closingRate', align: 'right', render: (_: unknown, r) => pct(r.rates.closingRate) },
    { title: head('onTimeClosingRate'), key: 'onTimeClosingRate', align: 'right', render: (_: unknown, r) => pct(r.rates.onTimeClosingRate) },
    { title: head('reworkRate'), key: 'reworkRate', align: 'right', render: (_: unknown, r) => pct(r.rates.reworkRate) },
    { title: head('avgHandlingHours'), key: 'avg', align: 'right', render: (_: unknown, r) => (r.rates.avgHandlingHours === null ? '—' : r.rates.avgHandlingHours.toFixed(1)) },
    { title: head('overdue'), key: 'overdue', align: 'right', render: (_: unknown, r) => (r.counts.overdue ? <Tag color="red">{r.counts.overdue}</Tag> : 0) },
  ];
  const presets = useMemo(() => {
    const now = dayjs();
    return [
      { label: t('incidents.kpi.preset.thisMonth'), value: [now.startOf('month'), now] as [Dayjs, Dayjs] },
      { label: t('incidents.kpi.preset.lastMonth'), value: [now.subtract(1, 'month').startOf('month'), now.subtract(1, 'month').endOf('month')] as [Dayjs, Dayjs] },
      { label: t('incidents.kpi.preset.last30'), value: [now.subtract(29, 'day'), now] as [Dayjs, Dayjs] },
      { label: t('incidents.kpi.preset.thisYear'), value: [now.startOf('year'), now] as [Dayjs, Dayjs] },
    ];
  }, [t]);
  const selectable = region.regions.filter((r) => !r.ancestorOnly);
  const groups = KPI_GROUPS.map((g) => ({ value: g, label: t.dyn(`incidents.kpi.group.${g}`, g) }));

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('incidents.page.kpis')}</Typography.Title>
      <Card>
        <Form layout="vertical">
          <Flex wrap gap={12}>
            <Form.Item label={t('incidents.kpi.region')} htmlFor="kpi-region" style={{ flex: '1 1 200px', marginBottom: 8 }}>
              <Select id="kpi-region" showSearch={{ optionFilterProp: 'label' }} value={rid} onChange={(v: string) => setRegionId(v)} options={selectable.map((r) => ({ value: r.id, label: region.labelOfPath(r.scopePath) }))} placeholder={t('incidents.kpi.pickRegion')} />
            </Form.Item>
            <Form.Item label={t('incidents.kpi.period')} htmlFor="kpi-period" style={{ flex: '2 1 260px', marginBottom: 8 }}>
              <DatePicker.RangePicker id={{ start: 'kpi-period' }} style={{ width: '100%' }} allowClear={false} value={period} presets={presets} onChange={(v) => v?.[0] && v[1] && setPeriod([v[0], v[1]])} />
            </Form.Item>
            <Form.Item label={t('incidents.kpi.groupBy')} htmlFor="kpi-group" style={{ flex: '2 1 300px', marginBottom: 8 }}>
              {isPhone ? (
                <Select<KpiGroup> id="kpi-group" value={groupBy} onChange={setGroupBy} options={groups} />
              ) : (
                <Segmented<KpiGroup> id="kpi-group" value={groupBy} onChange={setGroupBy} options={groups} />
              )}
            </Form.Item>
          </Flex>
        </Form>
        {!rid && <Alert type="info" showIcon title={t('incidents.kpi.pickRegion')} />}
        {table && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('incidents.kpi.asOf', { from: table.from, to: table.to, at: dayjs(table.asOf).format('YYYY-MM-DD HH:mm') })}
          </Typography.Paragraph>
        )}
        <Table<KpiRow>
          rowKey="key"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={table?.rows ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() =>
            table ? (
              <Table.Summary fixed>
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  {columns.map((c, n) => (
                    <Table.Summary.Cell key={String(c.key)} index={n} align={n === 0 ? 'left' : 'right'}>
                      {n === 0 ? t('incidents.kpi.total', { name: table.total.name }) : (c as { render: (v: unknown, r: KpiRow, i: number) => React.ReactNode }).render(null, table.total, 0)}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
      {table && (
        <Card title={t('incidents.kpi.top')} size="small">
          <List
            size="small"
            dataSource={table.topCategories}
            locale={{ emptyText: t('incidents.kpi.noTop') }}
            renderItem={(c, n) => (
              <List.Item key={c.code} extra={<Typography.Text strong>{c.count}</Typography.Text>}>
                <Link to={incidentListPath({ ...reportedBetween(table.from, table.to), categoryCode: c.code }, table.regionId)}>{`${n + 1}. ${c.code} ${nameIn(c.name, lang)}`}</Link>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Flex>
  );
}
