import { useEffect, useState } from 'react';
import { DatePicker, Flex, Form, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useT } from '../../../i18n/index.tsx';
import { weeklyReport, type WeeklyReport as Report, type WeeklyRow } from '../api.meetings.ts';
import { CompoundSelect } from '../../../components/CompoundSelect.tsx';
import { useRegionId } from '../../../app/region.tsx';
import { isoWeekOf } from '../labels.meetings.ts';

/** The ISO week (2026-W48) of a picked day; the picker's own week numbering follows the locale, the report's is ISO. */
const weekOf = (d: Dayjs) => isoWeekOf(d.format('YYYY-MM-DD'));

/** 每周民意报告: per compound, the opinions collected, answered (and within 7 days), taken up and pending in one ISO week. */
export function WeeklyReport() {
  const t = useT();
  const regionId = useRegionId();
  const handleError = useApiErrorHandler();
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const [compoundId, setCompoundId] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [loading, setLoading] = useState(false);
  const week = weekOf(day);

  useEffect(() => {
    let live = true;
    setLoading(true);
    weeklyReport(compoundId ? { compoundId, week } : { regionId, week })
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
  }, [week, compoundId, regionId, handleError]);

  const num = (k: keyof Omit<WeeklyRow, 'compound'>) => ({ title: t(`reports.weekly.${k}`), dataIndex: k, key: k, align: 'right' as const, width: 110 });
  const columns: TableColumnsType<WeeklyRow> = [
    { title: t('meetings.common.compound'), key: 'compound', render: (_: unknown, r) => r.compound.name },
    num('collected'),
    num('answered'),
    num('answeredWithin7Days'),
    num('takenUp'),
    { ...num('pending'), render: (v: number) => <Typography.Text type={v > 0 ? 'warning' : undefined} strong={v > 0}>{v}</Typography.Text> },
  ];

  return (
    <Flex vertical gap={12} style={{ minWidth: 0 }}>
      <Flex wrap gap={16} align="end">
        <Form.Item label={t('reports.weekly.week')} htmlFor="report-week" layout="vertical" style={{ marginBottom: 0 }}>
          <DatePicker id="report-week" picker="week" value={day} allowClear={false} onChange={(d) => d && setDay(d)} format={(d) => weekOf(d)} />
        </Form.Item>
        <Form.Item label={t('meetings.common.compound')} htmlFor="report-compound" layout="vertical" style={{ flex: '1 1 240px', maxWidth: 360, marginBottom: 0 }}>
          <CompoundSelect id="report-compound" value={compoundId} onChange={(v) => setCompoundId(v)} placeholder={t('reports.allCompounds')} />
        </Form.Item>
      </Flex>
      {report && <Typography.Text type="secondary">{t('reports.weekly.range', { week: report.week, from: report.from, to: report.to })}</Typography.Text>}
      <Table<WeeklyRow>
        rowKey={(r) => r.compound.id}
        size="small"
        columns={columns}
        dataSource={report?.rows ?? []}
        loading={loading}
        pagination={false}
        scroll={{ x: 700 }}
        locale={{ emptyText: t('reports.weekly.empty') }}
        summary={() =>
          report && report.rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><Typography.Text strong>{t('reports.total')}</Typography.Text></Table.Summary.Cell>
              {(['collected', 'answered', 'answeredWithin7Days', 'takenUp', 'pending'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 1} align="right"><Typography.Text strong>{report.totals[k]}</Typography.Text></Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </Flex>
  );
}
