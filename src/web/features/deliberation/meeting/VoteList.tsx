import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { VoteView } from '../../../../shared/deliberation.ts';
import { useT } from '../../../i18n/index.tsx';
import { dateTime } from '../../../components/dateTime.ts';
import { jointItemLabel } from '../labels.ts';
import { OUTCOME_COLOR, outcomeLabel } from '../labels.meetings.ts';

/** The votes recorded at a meeting with their outcomes (votes never change once recorded). */
export function VoteList({ votes }: { votes: VoteView[] }) {
  const t = useT();
  if (votes.length === 0) return <Typography.Text type="secondary">{t('meetings.vote.none')}</Typography.Text>;
  const none = t('common.none');
  return (
    <Flex vertical gap={12}>
      {votes.map((v) => (
        <Card
          key={v.id}
          size="small"
          title={v.kind === 'owners' ? t('meetings.vote.ownersTitle', { item: v.ownersItem ? jointItemLabel(t, v.ownersItem) : none }) : t('meetings.vote.simple')}
          extra={<Tag color={OUTCOME_COLOR[v.outcome]} data-testid="vote-outcome">{outcomeLabel(t, v.outcome)}</Tag>}
        >
          {v.kind === 'owners' ? (
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'total', label: t('meetings.vote.total'), children: t('meetings.vote.areaOwners', { area: v.totalArea ?? none, owners: v.totalOwners ?? none }) },
                { key: 'part', label: t('meetings.vote.participating'), children: t('meetings.vote.areaOwners', { area: v.participatingArea ?? none, owners: v.participatingOwners ?? none }) },
                { key: 'yes', label: t('meetings.vote.yes'), children: t('meetings.vote.areaOwners', { area: v.yesArea ?? none, owners: v.yesOwners ?? none }) },
                { key: 'no', label: t('meetings.vote.no'), children: t('meetings.vote.areaOwners', { area: v.noArea ?? none, owners: v.noOwners ?? none }) },
              ]}
            />
          ) : (
            <Descriptions
              size="small"
              column={{ xs: 2, sm: 4 }}
              items={[
                { key: 'for', label: t('meetings.vote.votesFor'), children: v.votesFor ?? none },
                { key: 'against', label: t('meetings.vote.votesAgainst'), children: v.votesAgainst ?? none },
                { key: 'abstain', label: t('meetings.vote.votesAbstain'), children: v.votesAbstain ?? none },
                { key: 'eligible', label: t('meetings.vote.eligible'), children: v.eligible ?? none },
              ]}
            />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('meetings.vote.recordedAt', { time: dateTime(v.recordedAt) })}</Typography.Text>
        </Card>
      ))}
    </Flex>
  );
}
