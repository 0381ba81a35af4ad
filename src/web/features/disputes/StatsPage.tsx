import { useEffect, useState } from 'react';
import { Card, Col, DatePicker, Flex, Form, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { DisputeCounts, DisputeStats } from '../../../shared/disputes.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { disputeStats } from './api.ts';
import { disputeTypeLabel } from './labels.ts';
import { firstChoosable, RegionTreeSelect } from './RegionTreeSelect.tsx';

const KEYS = ['total', 'open', 'agreed', 'referred', 'withdrawn', 'followedUp', 'holding', 'relapsed'] as const;
type TypeRow = DisputeStats['byType'][number];
type PlaceRow = DisputeStats['byPlace'][number];

/**
 * 纠纷统计: disputes registered in a period under one place, by type and by how they stand (open, agreed, referred,
 * withdrawn, followed up, holding, relapsed), and per place below it (compounds under a community). Counted by the server.
 */
export default function StatsPage() {
  const { t, lang } = useI18n();
  const region = useRegion();
  const chosenId = useRegionId();
  const handleError = useApiErrorHandler();
  const [regionId, setRegionId] = useState<string | null>(null);
  const [from, setFrom] = useState<Dayjs>(() => dayjs().startOf('year'));
  const [to, setTo] = useState<Dayjs>(() => dayjs());
  const [stats, setStats] = useState<DisputeStats | null>(null);
  const [loading, setLoading] = useState(false);
  // The header's place, else the first place the user may choose.
  const place = regionId ?? chosenId ?? (region.source === 'api' ? firstChoosable(region.tree)?.id : undefined) ?? null;

  useEffect(() => {
    if (!place) return;
    const ac = new AbortController();
    setLoading(true);
    disputeStats({ regionId: place, from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') }, ac.signal)
      .then(setStats)
      .catch((e) => {
        if ((e as Error)?.name === 'AbortError') return;
        setStats(null);
        handleError(e);
      })
      .finally(() => !ac.signal.aborted && setLoading(false));
    return () => ac.abort();
  }, [place, from, to, handleError]);

  const countCols = KEYS.map((k) => ({ title: t(`disputeStats.${k}`), dataIndex: k, key: k, align: 'right' as const, width: 76 }));
  const typeColumns: TableColumnsType<TypeRow> = [
    { title: t('disputes.type'), key: 'type', fixed: 'left', width: 120, render: (_: unknown, r) => disputeTypeLabel(lang, r.type) },
    ...countCols,
  ];
  const placeColumns: TableColumnsType<PlaceRow> = [
    { title: stats?.region.level === 'community' ? t('disputes.compound') : t('disputeStats.place'), key: 'place', fixed: 'left', width: 120, render: (_: unknown, r) => r.name },
    ...countCols,
  ];
  const totals: DisputeCounts | undefined = stats?.totals;

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('disputes.page.stats')}</Typography.Title>
      <Card styles={{ body: { padding: 16 } }}>
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item label={t('disputeStats.region')} htmlFor="stats-region" layout="vertical">
              <RegionTreeSelect id="stats-region" value={place} onChange={(v) => setRegionId(v)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item label={t('disputeStats.from')} htmlFor="stats-from" layout="vertical">
              <DatePicker id="stats-from" value={from} allowClear={false} style={{ width: '100%' }} onChange={(d) => d && setFrom(d)} disabledDate={(d) => d.isAfter(to, 'day')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item label={t('disputeStats.to')} htmlFor="stats-to" layout="vertical">
              <DatePicker id="stats-to" value={to} allowClear={false} style={{ width: '100%' }} onChange={(d) => d && setTo(d)} disabledDate={(d) => d.isBefore(from, 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary">{t('disputeStats.note')}</Typography.Text>
      </Card>
      <Row gutter={[12, 12]}>
        {KEYS.map((k) => (
          <Col key={k} xs={12} sm={8} md={6} xl={3}>
            <Card size="small"><Statistic title={t(`disputeStats.${k}`)} value={totals?.[k] ?? 0} loading={loading} /></Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('disputeStats.byType')}>
        <Table<TypeRow> rowKey="type" size="small" columns={typeColumns} dataSource={stats?.byType ?? []} loading={loading} pagination={false} scroll={{ x: 760 }} />
      </Card>
      <Card size="small" title={stats?.region.level === 'community' ? t('disputeStats.byCompound') : t('disputeStats.byPlace')}>
        <Table<PlaceRow> rowKey="id" size="small" columns={placeColumns} dataSource={stats?.byPlace ?? []} loading={loading} pagination={false} scroll={{ x: 760 }} locale={{ emptyText: t('disputeStats.noPlaces') }} />
      </Card>
    </Flex>
  );
}
