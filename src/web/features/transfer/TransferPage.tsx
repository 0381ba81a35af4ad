import { Card, Flex, Result, Typography } from 'antd';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../i18n/index.tsx';
import { ExportSection } from './ExportSection.tsx';
import { ImportWizard } from './ImportWizard.tsx';

/** 导入导出: the import wizard (import.run) and the export buttons of every list (export.run). */
export default function TransferPage() {
  const t = useT();
  const { can } = useAuth();
  const canImport = can('import.run');
  const canExport = can('export.run');
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('page.transfer')}
      </Typography.Title>
      <Card title={t('transfer.tab.import')}>{canImport ? <ImportWizard /> : <Result status="info" subTitle={t('transfer.noImport')} />}</Card>
      <Card title={t('transfer.exportSection.title')}>{canExport ? <ExportSection /> : <Result status="info" subTitle={t('transfer.noExport')} />}</Card>
    </Flex>
  );
}
