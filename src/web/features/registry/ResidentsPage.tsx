import { Card, Flex, Typography } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { ResidentsTable } from './ResidentsTable.tsx';

/** Residents: masked list with filters and exact ID-number / phone lookup (cards on phones). */
export default function ResidentsPage() {
  const { t } = useI18n();
  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('page.residents')}</Typography.Title>
      <Card styles={{ body: { padding: 16 } }}>
        <ResidentsTable />
      </Card>
    </Flex>
  );
}
