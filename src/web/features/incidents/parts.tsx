import { Space, Tag, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { IncidentView } from '../../../shared/incidents.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { T } from '../../i18n/index.tsx';
import { nameIn, outcomeLabel, stageColor } from './labels.ts';
import { splitSpan, workingHours, workingMsBetween, type CalendarMarks } from './time.ts';

/** A duration as people say it: "2 天 3 小时", "3 小时 20 分", "15 分". */
export function spanText(t: T, ms: number): string {
  const { d, h, m } = splitSpan(ms);
  if (d > 0) return t('incidents.span.dh', { d, h });
  if (h > 0) return t('incidents.span.hm', { h, m });
  return t('incidents.span.m', { m });
}

/** The incident's stage as a tag (red when overdue, green when closed as fixed), with its outcome when ended. */
export function StageTag({ i }: { i: Pick<IncidentView, 'stage' | 'stageName' | 'overdue' | 'outcome'> }) {
  const { t, lang } = useI18n();
  const name = nameIn(i.stageName, lang) || i.stage;
  const outcome = i.outcome && i.outcome !== i.stage ? outcomeLabel(t, i.outcome) : null;
  return <Tag color={stageColor(i)}>{outcome && i.outcome === 'self_handled' ? outcome : name}</Tag>;
}

/**
 * The handling deadline: the date, and how long it is overdue (red) or how much time is left, natural and in working
 * hours on the calendar. Nothing before registration sets a deadline; ended cases show the deadline alone.
 */
export function DueInfo({ i, marks, compact }: { i: Pick<IncidentView, 'deadlineAt' | 'overdue' | 'closedAt' | 'outcome' | 'stage'>; marks: CalendarMarks; compact?: boolean }) {
  const { t } = useI18n();
  if (!i.deadlineAt) return <Typography.Text type="secondary">{t('incidents.due.notSet')}</Typography.Text>;
  const due = Date.parse(i.deadlineAt);
  const now = Date.now();
  const date = dayjs(i.deadlineAt).format(compact ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm');
  if (i.outcome) {
    const late = i.closedAt && Date.parse(i.closedAt) > due;
    return (
      <Space size={4} wrap>
        <Typography.Text type="secondary">{date}</Typography.Text>
        {late && <Tag color="orange">{t('incidents.due.closedLate')}</Tag>}
      </Space>
    );
  }
  if (i.stage === 'suspended') {
    return (
      <Space size={4} wrap>
        <Typography.Text type="secondary">{date}</Typography.Text>
        <Tag color="orange">{t('incidents.due.suspended')}</Tag>
      </Space>
    );
  }
  if (i.overdue) {
    return (
      <Space size={4} wrap>
        <Typography.Text type="danger">{date}</Typography.Text>
        <Tag color="red" icon={<ClockCircleOutlined />}>{t('incidents.due.overdueBy', { span: spanText(t, now - due) })}</Tag>
      </Space>
    );
  }
  const working = workingHours(workingMsBetween(now, due, marks));
  return (
    <Space size={4} wrap>
      <Typography.Text>{date}</Typography.Text>
      <Tooltip title={t('incidents.due.workingHint')}>
        <Typography.Text type={due - now < 4 * 3_600_000 ? 'warning' : 'secondary'}>
          {compact ? t('incidents.due.left', { span: spanText(t, due - now) }) : t('incidents.due.leftBoth', { span: spanText(t, due - now), hours: working })}
        </Typography.Text>
      </Tooltip>
    </Space>
  );
}
