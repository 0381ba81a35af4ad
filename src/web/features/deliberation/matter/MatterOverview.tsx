import { Link } from 'react-router';
import { Descriptions, Rate, Space, Steps, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { MatterDetail, MatterSummary } from '../../../../shared/deliberation.ts';
import { useRegion } from '../../../app/region.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useIsPhone } from '../../registry/formKit.tsx';
import { categoryLabel, jointItemLabel, nameIn, sourceLabel } from '../labels.ts';

/** The stage tag of a matter: red when overdue, green when finished, blue while running. */
export function StageTag({ m }: { m: Pick<MatterSummary, 'stageName' | 'stage' | 'terminal' | 'overdue'> }) {
  const { lang } = useI18n();
  return <Tag color={m.overdue ? 'red' : m.terminal ? 'green' : 'blue'}>{nameIn(m.stageName, lang) || m.stage}</Tag>;
}

/** The due time of the current stage, with an "overdue" tag when past. */
export function DueText({ m }: { m: Pick<MatterSummary, 'dueAt' | 'overdue' | 'terminal'> }) {
  const { t } = useI18n();
  if (!m.dueAt || m.terminal) return <>{t('common.none')}</>;
  return (
    <Space size={4} wrap>
      <Typography.Text type={m.overdue ? 'danger' : undefined}>{dayjs(m.dueAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
      {m.overdue && <Tag color="red">{t('matters.overdue')}</Tag>}
    </Space>
  );
}

/** Average satisfaction as stars with the number of ratings. */
export function Satisfaction({ value, count }: { value: number | null; count: number }) {
  const { t } = useI18n();
  if (value === null || count === 0) return <>{t('matters.satisfaction.none')}</>;
  return (
    <Space size={4} wrap>
      <Rate disabled allowHalf value={Math.round(value * 2) / 2} style={{ fontSize: 14 }} />
      <Typography.Text type="secondary">{t('matters.satisfaction.count', { value: value.toFixed(1), n: count })}</Typography.Text>
    </Space>
  );
}

/**
 * The method's stages as steps with the current one highlighted. Only the terminal stage the matter reached is shown
 * (or the first terminal one while it runs), so an exit such as "not taken up" does not look like a step to pass.
 */
export function StageSteps({ matter }: { matter: MatterDetail }) {
  const { lang } = useI18n();
  const isPhone = useIsPhone();
  const current = matter.stages.find((s) => s.key === matter.stage);
  const end = current?.terminal ? current : matter.stages.find((s) => s.terminal);
  const shown = matter.stages.filter((s) => !s.terminal || s === end);
  const index = Math.max(0, shown.findIndex((s) => s.key === matter.stage));
  return (
    <Steps
      size="small"
      orientation={isPhone ? 'vertical' : 'horizontal'}
      current={index}
      status={matter.overdue ? 'error' : matter.terminal ? 'finish' : 'process'}
      items={shown.map((s) => ({ key: s.key, title: nameIn(s.name, lang) || s.key }))}
    />
  );
}

/** The facts of a matter: place, method, deadlines, executor, decision, result and satisfaction. */
export function MatterFacts({ matter: m }: { matter: MatterDetail }) {
  const { t, lang } = useI18n();
  const region = useRegion();
  const none = t('common.none');
  const isPhone = useIsPhone();
  const text = (s: string | null) => (s ? <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{s}</span> : none);
  return (
    <Descriptions
      column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
      layout={isPhone ? 'vertical' : 'horizontal'}
      items={[
        { key: 'compound', label: t('matters.field.compound'), children: <Link to={region.withRegion(`/registry/compounds/${m.compound.id}`)}>{m.compound.name}</Link> },
        { key: 'method', label: t('matters.field.method'), children: nameIn(m.methodName, lang) || m.methodKey },
        { key: 'stage', label: t('matters.field.stage'), children: <StageTag m={m} /> },
        { key: 'due', label: t('matters.field.dueAt'), children: <DueText m={m} /> },
        { key: 'deadline', label: t('matters.field.deadline'), children: m.deadline ?? none },
        {
          key: 'executor',
          label: t('matters.field.executorOrg'),
          children: m.executorOrg ? <Link to={region.withRegion(`/orgs/organisations/${m.executorOrg.id}`)}>{m.executorOrg.name}</Link> : none,
        },
        { key: 'category', label: t('matters.field.category'), children: categoryLabel(t, m.category) },
        { key: 'source', label: t('matters.field.source'), children: sourceLabel(t, m.source) },
        { key: 'joint', label: t('matters.field.jointShort'), children: m.jointDecisionItem ? jointItemLabel(t, m.jointDecisionItem) : t('common.no') },
        { key: 'created', label: t('matters.field.createdAt'), children: dayjs(m.createdAt).format('YYYY-MM-DD HH:mm') },
        { key: 'decided', label: t('matters.field.decidedAt'), children: m.decidedAt ? dayjs(m.decidedAt).format('YYYY-MM-DD HH:mm') : none },
        { key: 'satisfaction', label: t('matters.field.satisfaction'), children: <Satisfaction value={m.satisfaction} count={m.satisfactionCount} /> },
        { key: 'conflicts', label: t('matters.field.conflictOrgs'), children: m.conflictOrgs.length ? m.conflictOrgs.map((o) => o.name).join(t('common.listSep')) : none },
        { key: 'description', label: t('matters.field.description'), span: 'filled', children: text(m.description) },
        { key: 'decision', label: t('matters.field.decision'), span: 'filled', children: text(m.decision) },
        { key: 'result', label: t('matters.field.result'), span: 'filled', children: text(m.result) },
      ]}
    />
  );
}
