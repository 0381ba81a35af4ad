import { useEffect, useState } from 'react';
import { Button, Card, Col, DatePicker, Flex, Form, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useAuth } from '../../../app/auth.tsx';
import { useRegion, useRegionId } from '../../../app/region.tsx';
import { useT } from '../../../i18n/index.tsx';
import { monthlyReport, type MonthlyReport as Report } from '../api.meetings.ts';
import { dateTime } from '../../../components/dateTime.ts';

type Row = Report['withoutConsultation'][number];

/**
 * 每月协商情况: how many compounds in the place held a consultation in the month, and the ones that did not, each with
 * when it last met and a link that schedules a meeting for it.
 */
export function MonthlyReport() {
  const t = useT();
  const auth = useAuth();
  const region = useRegion();
  const navigate = useNavigate();
  const regionId = useRegionId();
  const handleError = useApiErrorHandler();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [report, setReport] = useState<Report | null>(null);
  const [loading, setLoading] = useState(false);
  const key = month.format('YYYY-MM');

  useEffect(() => {
    let live = true;
    setLoading(true);
    monthlyReport({ regionId, month: key })
      .then((r) => live && setReport(r))
      .catch((e) => {
        if (live) {
          setReport(null);
          handleError(e);
        }
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key, regionId, handleError]);

  const canSchedule = auth.can('deliberation.write');
  const columns: TableColumnsType<Row> = [
    { title: t('meetings.common.compound'), key: 'compound', render: (_: unknown, r) => r.compound.name },
    { title: t('reports.monthly.community'), key: 'community', responsive: ['md'], render: (_: unknown, r) => r.community?.name ?? t('common.none') },
    { title: t('reports.monthly.lastMeeting'), key: 'last', render: (_: unknown, r) => (r.lastMeetingAt ? dateTime(r.lastMeetingAt) : <Typography.Text type="danger">{t('reports.monthly.never')}</Typography.Text>) },
    ...(canSchedule
      ? [{
          title: t('common.actions'),
          key: 'actions',
          render: (_: unknown, r: Row) => (
            <Button size="small" type="primary" ghost icon={<CalendarOutlined />} onClick={() => navigate(region.withRegion(`/deliberation/meetings/new?compoundId=${encodeURIComponent(r.compound.id)}`))}>
              {t('reports.monthly.schedule')}
            </Button>
          ),
        }]
      : []),
  ];
  const held = report?.compoundsWithConsultation ?? 0;
  const inScope = report?.compoundsInScope ?? 0;

  return (
    <Flex vertical gap={12} style={{ minWidth: 0 }}>
      <Form.Item label={t('reports.monthly.month')} htmlFor="report-month" layout="vertical" style={{ marginBottom: 0 }}>
        <DatePicker id="report-month" picker="month" value={month} allowClear={false} onChange={(d) => d && setMonth(d)} disabledDate={(d) => d.isAfter(dayjs(), 'month')} />
      </Form.Item>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('reports.monthly.inScope')} value={inScope} loading={loading} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('reports.monthly.held')} value={held} loading={loading} /></Card></Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('reports.monthly.without')} value={report?.withoutConsultation.length ?? 0} loading={loading} styles={{ content: { color: report?.withoutConsultation.length ? '#cf1322' : undefined } }} /></Card>
        </Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('reports.monthly.coverage')} value={inScope ? (held * 100) / inScope : 0} precision={1} suffix="%" loading={loading} /></Card></Col>
      </Row>
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>{t('reports.monthly.listTitle', { month: key })}</Typography.Title>
      <Table<Row>
        rowKey={(r) => r.compound.id}
        size="small"
        columns={columns}
        dataSource={report?.withoutConsultation ?? []}
        loading={loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 600 }}
        locale={{ emptyText: t('reports.monthly.allHeld') }}
      />
    </Flex>
  );
}
