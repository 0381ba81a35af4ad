import { Link } from 'react-router';
import { Descriptions, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { IncidentDetail } from '../../../../shared/incidents.ts';
import { useRegion } from '../../../app/region.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useIsPhone } from '../../registry/formKit.tsx';
import { usePlaceNames } from '../hooks.ts';
import { deadlineLabel, nameIn, sourceLabel, urgencyLabel } from '../labels.ts';
import { DueInfo, StageTag } from '../parts.tsx';
import type { CalendarMarks } from '../time.ts';

/** The facts of an incident: category and SLA, place, who reported it and how, deadline and time left, handler, counts. */
export function IncidentFacts({ i, marks, sla }: { i: IncidentDetail; marks: CalendarMarks; sla?: { amount: number; unit: string } }) {
  const { t, lang } = useI18n();
  const region = useRegion();
  const isPhone = useIsPhone();
  const places = usePlaceNames([i]);
  const none = t('common.none');
  const at = (s: string | null) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : none);
  const compound = places.compound(i.compoundId);
  const reporter = [i.reporter.name ?? (i.reporter.kind === 'anonymous' ? t('incidents.reporter.anonymous') : null), i.reporter.phone].filter(Boolean).join(' ');
  return (
    <Descriptions
      column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
      layout={isPhone ? 'vertical' : 'horizontal'}
      items={[
        {
          key: 'category',
          label: t('incidents.field.category'),
          children: (
            <Space size={4} wrap>
              <span>{`${i.categoryCode} ${nameIn(i.categoryName, lang)}`}</span>
              {sla && <Typography.Text type="secondary">{t('incidents.detail.sla', { sla: deadlineLabel(t, sla) })}</Typography.Text>}
            </Space>
          ),
        },
        { key: 'urgency', label: t('incidents.field.urgency'), children: <Tag color={i.urgency === 'urgent' ? 'volcano' : 'default'}>{urgencyLabel(t, i.urgency)}</Tag> },
        { key: 'stage', label: t('incidents.field.stage'), children: <StageTag i={i} /> },
        {
          key: 'place',
          label: t('incidents.field.place'),
          children: (
            <Space size={4} wrap>
              <span>{places.community(i.communityId)}</span>
              {i.compoundId && <Link to={region.withRegion(`/registry/compounds/${i.compoundId}`)}>{compound ?? t('incidents.detail.compound')}</Link>}
              {i.gridId && <Typography.Text type="secondary">{places.grid(i.gridId) ?? ''}</Typography.Text>}
            </Space>
          ),
        },
        { key: 'address', label: t('incidents.field.address'), children: i.address ?? none },
        { key: 'source', label: t('incidents.field.source'), children: [sourceLabel(t, i.sourceChannel), i.externalOrderNo].filter(Boolean).join(' · ') },
        { key: 'reporter', label: t('incidents.field.reporter'), children: reporter || none },
        { key: 'deadline', label: t('incidents.field.deadline'), children: <DueInfo i={i} marks={marks} /> },
        { key: 'handler', label: t('incidents.field.handler'), children: i.handler ? i.handler.name : none },
        { key: 'reportedAt', label: t('incidents.field.reportedAt'), children: at(i.reportedAt) },
        { key: 'registeredAt', label: t('incidents.field.registeredAt'), children: at(i.registeredAt) },
        { key: 'closedAt', label: t('incidents.field.closedAt'), children: at(i.closedAt) },
        {
          key: 'counts',
          label: t('incidents.field.counts'),
          children: t('incidents.detail.counts', { rework: i.counts.rework, ret: i.counts.return, ext: i.counts.extension }),
        },
        { key: 'description', label: t('incidents.field.description'), span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{i.description}</span> },
      ]}
    />
  );
}
