import { useEffect, useState } from 'react';
import { Card, Col, DatePicker, Flex, Form, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { MEETING_FORMS } from '../../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useRegion, useRegionId } from '../../../app/region.tsx';
import { useT } from '../../../i18n/index.tsx';
import { deliberationCounts, type Counts } from '../api.meetings.ts';
import { meetingFormLabel } from '../labels.ts';

const KEYS = ['opinionsCollected', 'mattersResolved', 'policySessions', 'meetingsHeld'] as const;
type ChildRow = Counts['byChild'][number];

/** 统计: opinions collected, matters resolved, policy sessions and meetings held (by form) in the chosen place over a period, and per place under it. */
export function CountsReport() {
  const t = useT();
  const region = useRegion();
  const regionId = useRegionId();
  const handleError = useApiErrorHandler();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [loading, setLoading] = useState(false);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');

  useEffect(() => {
    let live = true;
    setLoading(true);
    deliberationCounts({ regionId, from, to })
      .then((c) => live && setCounts(c))
      .catch((e) => {
        if (live) {
          setCounts(null);
          handleError(e);
        }
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [regionId, from, to, handleError]);

  const columns: TableColumnsType<ChildRow> = [
    { title: t('reports.counts.region'), key: 'region', render: (_: unknown, r) => r.region.name },
    ...KEYS.map((k) => ({ title: t(`reports.counts.${k}`), dataIndex: k, key: k, align: 'right' as const })),
  ];

  return (
    <Flex vertical gap={12} style={{ minWidth: 0 }}>
      <Flex wrap gap={16} align="end">
        <Form.Item label={t('reports.counts.period')} htmlFor="counts-range" layout="vertical" style={{ marginBottom: 0 }}>
          <DatePicker.RangePicker id={{ start: 'counts-range' }} value={range} allowClear={false} onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])} />
        </Form.Item>
        <Typography.Text type="secondary">{t('reports.counts.place', { place: region.selected?.name ?? t('reports.counts.allPlaces') })}</Typography.Text>
      </Flex>
      <Row gutter={[12, 12]}>
        {KEYS.map((k) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small"><Statistic title={t(`reports.counts.${k}`)} value={counts?.[k] ?? 0} loading={loading} /></Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('reports.counts.byForm')}>
        <Row gutter={[12, 12]}>
          {MEETING_FORMS.map((f) => (
            <Col key={f} xs={12} sm={8} md={4}>
              <Statistic title={meetingFormLabel(t, f)} value={counts?.meetingsByForm?.[f] ?? 0} loading={loading} />
            </Col>
          ))}
        </Row>
      </Card>
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>{t('reports.counts.byChild')}</Typography.Title>
      <Table<ChildRow>
        rowKey={(r) => r.region.id}
        size="small"
        columns={columns}
        dataSource={counts?.byChild ?? []}
        loading={loading}
        pagination={false}
        scroll={{ x: 600 }}
        locale={{ emptyText: t('reports.counts.noChildren') }}
      />
    </Flex>
  );
}

