import { Alert, Flex, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { ownersVoteProblems, type OwnersVoteCount } from '../../../../shared/deliberation.ts';
import { useT } from '../../../i18n/index.tsx';
import { outcomeLabel, ownersVoteChecks } from '../labels.meetings.ts';

/** A share as a percentage with one decimal, or '—' when the whole is zero. */
function pct(part: number, whole: number): string {
  return whole > 0 ? `${((part * 100) / whole).toFixed(1)}%` : '—';
}

function Line({ ok, text }: { ok: boolean; text: string }) {
  return (
    <Flex gap={8} align="baseline">
      {ok ? <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="✓" /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label="✗" />}
      <Typography.Text>{text}</Typography.Text>
    </Flex>
  );
}

/**
 * The art. 278 rule applied live to the counts typed so far: each of the double two-thirds quorum and the majority (more
 * than half, or three quarters for items 6–8) by area and by owners, and the outcome the shared checkOwnersVote gives.
 * Shows what is still missing instead when the counts are incomplete or do not add up.
 */
export function OwnersCheck({ count }: { count: OwnersVoteCount | null }) {
  const t = useT();
  if (!count) return <Alert type="info" showIcon title={t('meetings.vote.checkIncomplete')} />;
  const problems = ownersVoteProblems(count);
  if (problems.length) return <Alert type="error" showIcon title={t('meetings.vote.incoherent')} />;
  const c = ownersVoteChecks(count);
  const need = c.special ? t('meetings.vote.threeQuarters') : t('meetings.vote.half');
  const type = c.outcome === 'passed' ? 'success' : c.outcome === 'rejected' ? 'error' : 'warning';
  return (
    <Alert
      type={type}
      showIcon
      role="status"
      aria-live="polite"
      title={
        <span data-testid="owners-outcome" data-outcome={c.outcome}>
          {t('meetings.vote.liveOutcome', { outcome: outcomeLabel(t, c.outcome) })}
        </span>
      }
      description={
        <Flex vertical gap={2}>
          <Line ok={c.quorumArea} text={t('meetings.vote.quorumArea', { pct: pct(count.participatingAreaC, count.totalAreaC) })} />
          <Line ok={c.quorumOwners} text={t('meetings.vote.quorumOwners', { pct: pct(count.participatingOwners, count.totalOwners) })} />
          <Line ok={c.majorityArea} text={t('meetings.vote.majorityArea', { need, pct: pct(count.yesAreaC, count.participatingAreaC) })} />
          <Line ok={c.majorityOwners} text={t('meetings.vote.majorityOwners', { need, pct: pct(count.yesOwners, count.participatingOwners) })} />
        </Flex>
      }
    />
  );
}
