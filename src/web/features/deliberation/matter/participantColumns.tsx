import { Flex, Tag, Typography, type TableColumnsType } from 'antd';
import type { ChoiceReason, Named } from '../../../../shared/deliberation.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { categoryLabel, memberKindLabel, reasonText } from '../labels.ts';

/** Reasons as small tags; a conflict of interest in red. */
export function Reasons({ reasons }: { reasons: ChoiceReason[] }) {
  const { lang } = useI18n();
  return (
    <Flex wrap gap={4}>
      {reasons.map((r, i) => (
        <Tag key={`${r.code}-${i}`} color={r.code === 'CONFLICT' ? 'red' : r.code === 'INACTIVE' ? 'default' : r.code === 'LEADER_CHOICE' ? 'purple' : 'blue'} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
          {reasonText(r, lang)}
        </Tag>
      ))}
    </Flex>
  );
}

/** Columns shared by the participant list and the proposal. */
export function useParticipantColumns<R extends { name: string; kind: string; org?: Named | null; expertise?: string[]; reasons: ChoiceReason[] }>(): TableColumnsType<R> {
  const { t } = useI18n();
  return [
    { title: t('matters.participants.name'), dataIndex: 'name', key: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('matters.participants.kind'), dataIndex: 'kind', key: 'kind', render: (v: string) => memberKindLabel(t, v) },
    { title: t('matters.participants.org'), key: 'org', responsive: ['md'], render: (_: unknown, p) => p.org?.name ?? t('common.none') },
    {
      title: t('matters.participants.expertise'),
      key: 'expertise',
      responsive: ['lg'],
      render: (_: unknown, p) => (p.expertise?.length ? p.expertise.map((x) => <Tag key={x}>{categoryLabel(t, x)}</Tag>) : t('common.none')),
    },
    { title: t('matters.participants.reasons'), key: 'reasons', render: (_: unknown, p) => <Reasons reasons={p.reasons} /> },
  ];
}

