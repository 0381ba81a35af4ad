import { useEffect, useState } from 'react';
import { Card, Col, Row, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { LADDER_LEVELS } from '../../../shared/escalation.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { getStats, type JointStats } from './api.ts';
import { cstMonth, LEVEL_COLOR, levelLabel } from './labels.ts';

type MonthRow = { month: string } & Record<string, number | string>;

/** This year's joint-meeting figures under the chosen place: totals, and sessions / items per month and level. */
export function StatsCard({ placeId }: { placeId: string | null }) {
  const t = useT();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const [stats, setStats] = useState<JointStats | null>(null);
  const to = cstMonth();
  const from = `${to.slice(0, 4)}-01`;

  useEffect(() => {
    let live = true;
    getStats(placeId, from, to).then((s) => live && setStats(s), (e: unknown) => live && handleError(e));
    return () => {
      live = false;
    };
  }, [placeId, from, to, handleError]);

  const months = [...new Set((stats?.byMonth ?? []).map((r) => r.month))];
  const rows: MonthRow[] = months.map((month) => {
    const row: MonthRow = { month };
    for (const r of stats!.byMonth.filter((x) => x.month === month)) row[r.level] = `${r.sessions} / ${r.items}`;
    return row;
  });
  const columns: TableColumnsType<MonthRow> = [
    { title: t('joint.stats.month'), dataIndex: 'month', key: 'month', width: 90 },
    ...LADDER_LEVELS.map((l) => ({ title: <Tag color={LEVEL_COLOR[l]}>{levelLabel(t, l)}</Tag>, key: l, render: (_: unknown, r: MonthRow) => r[l] ?? '—' })),
  ];
  const col = { xs: 12, sm: 8, lg: 4 };
  const totals = stats?.totals;
  return (
    <Card size="small" title={t('joint.stats.title', { from, to })} loading={!stats}>
      <Row gutter={[12, 12]}>
        <Col {...col}><Statistic title={t('joint.stats.sessions')} value={totals?.sessions ?? 0} /></Col>
        <Col {...col}><Statistic title={t('joint.stats.items')} value={totals?.items ?? 0} /></Col>
        <Col {...col}><Statistic title={t('joint.stats.decisions')} value={totals?.decisions ?? 0} /></Col>
        <Col {...col}><Statistic title={t('joint.stats.tasksDone')} value={totals?.tasksDone ?? 0} /></Col>
        <Col {...col}><Statistic title={t('joint.stats.tasksOverdue')} value={totals?.tasksOverdue ?? 0} valueStyle={totals?.tasksOverdue ? { color: '#cf1322' } : undefined} /></Col>
        <Col {...col}><Statistic title={t('joint.stats.escalated')} value={totals?.escalated ?? 0} /></Col>
      </Row>
      {!phone && rows.length > 0 && (
        <>
          <Table<MonthRow> style={{ marginTop: 12 }} size="small" rowKey="month" columns={columns} dataSource={rows} pagination={false} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('joint.stats.cell')}</Typography.Text>
        </>
      )}
    </Card>
  );
}
