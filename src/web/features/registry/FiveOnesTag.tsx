import { Flex, Tag, Tooltip } from 'antd';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import type { FiveOnesItem } from '../../../shared/org-types.ts';

/** Short names of the five-ones items for tags (党组织, 工作方案, …). */
export const FIVE_ONES_SHORT: Record<FiveOnesItem, MessageKey> = {
  party_org: 'registry.fiveOnes.short.party_org',
  work_plan: 'registry.fiveOnes.short.work_plan',
  responsible_leader: 'registry.fiveOnes.short.responsible_leader',
  contact_unit: 'registry.fiveOnes.short.contact_unit',
  volunteer_team: 'registry.fiveOnes.short.volunteer_team',
};

/** The colour of a five-ones score: green when complete, orange when partly met, red when none. */
export function scoreColor(score: number): string {
  return score >= 5 ? 'green' : score > 0 ? 'orange' : 'red';
}

/** A five-ones score as "n/5" with a tag naming what is missing. */
export function FiveOnesTag({ score, missing, compact }: { score: number; missing: readonly FiveOnesItem[]; compact?: boolean }) {
  const { t } = useI18n();
  const names = missing.map((m) => t(FIVE_ONES_SHORT[m])).join(t('common.listSep'));
  return (
    <Flex wrap gap={4} align="center">
      <Tag color={scoreColor(score)} style={{ marginInlineEnd: 0 }} aria-label={t('registry.fiveOnes.scoreAria', { n: score })}>
        {t('registry.fiveOnes.score', { n: score })}
      </Tag>
      {missing.length > 0 &&
        (compact ? (
          <Tooltip title={t('registry.fiveOnes.missingList', { items: names })}>
            <Tag style={{ marginInlineEnd: 0 }}>{t('registry.fiveOnes.missingCount', { n: missing.length })}</Tag>
          </Tooltip>
        ) : (
          <Tag style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>{t('registry.fiveOnes.missingList', { items: names })}</Tag>
        ))}
    </Flex>
  );
}
