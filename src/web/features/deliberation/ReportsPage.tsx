import { Card, Flex, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { CountsReport } from './reports/CountsReport.tsx';
import { MonthlyReport } from './reports/MonthlyReport.tsx';
import { WeeklyReport } from './reports/WeeklyReport.tsx';

const TABS = ['weekly', 'monthly', 'counts'] as const;
type TabKey = (typeof TABS)[number];

/** 报表: the weekly opinion report, the monthly list of compounds without a consultation, and counts per place (tab in ?tab=). */
export default function ReportsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'weekly';
  const setTab = (k: string) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (k === 'weekly') p.delete('tab');
      else p.set('tab', k);
      return p;
    }, { replace: true });

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('page.delibReports')}</Typography.Title>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'weekly', label: t('reports.tab.weekly'), children: <WeeklyReport /> },
            { key: 'monthly', label: t('reports.tab.monthly'), children: <MonthlyReport /> },
            { key: 'counts', label: t('reports.tab.counts'), children: <CountsReport /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
