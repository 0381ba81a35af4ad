import { Alert, Button, Skeleton } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ChainReport } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';

/** The chain check: green "intact (N entries)" or a red alert naming the first broken entry. */
export function ChainStatus({ report, loading, onVerify }: { report: ChainReport | null; loading: boolean; onVerify(): void }) {
  const t = useT();
  if (!report) return loading ? <Skeleton.Input active block aria-label={t('audit.chain.checking')} /> : null;
  const again = (
    <Button size="small" onClick={onVerify} loading={loading}>
      {t('audit.chain.verify')}
    </Button>
  );
  if (report.ok) {
    return <Alert type="success" showIcon icon={<SafetyCertificateOutlined />} title={t('audit.chain.ok', { n: report.checked })} action={again} data-testid="chain-status" />;
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('audit.chain.broken', { seq: report.firstBadSeq ?? '?' })}
      description={t('audit.chain.brokenDetail', { problem: t.dyn(`audit.chain.problem.${report.problem}`, String(report.problem)), n: report.checked })}
      action={again}
      data-testid="chain-status"
    />
  );
}
