import { Flex, Progress, Typography } from 'antd';
import type { CoverageFigures } from '../../../shared/campaigns.ts';
import { useT } from '../../i18n/index.tsx';
import { percent } from './labels.ts';

/** Inspected over in scope as a bar, with the counts and what is still open (waived shown apart: it is not inspected). */
export function CoverageBar({ c, size = 'default' }: { c: CoverageFigures; size?: 'small' | 'default' }) {
  const t = useT();
  const done = c.inScope > 0 && c.open === 0;
  return (
    <Flex vertical gap={0} style={{ minWidth: 0 }}>
      <Progress
        percent={percent(c.rate)}
        success={{ percent: 0 }}
        status={done ? 'success' : 'normal'}
        size={size}
        aria-label={t('campaigns.coverage.aria', { inspected: c.inspected, inScope: c.inScope })}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('campaigns.coverage.counts', { inspected: c.inspected, inScope: c.inScope, open: c.open, waived: c.waived })}
      </Typography.Text>
    </Flex>
  );
}
