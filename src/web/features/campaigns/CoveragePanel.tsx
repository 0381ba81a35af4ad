import { useState } from 'react';
import { App, Alert, Button, Card, Col, Empty, Flex, Progress, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { CampaignCoverage, CampaignView } from '../../../shared/campaigns.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { addTask } from './api.ts';
import { percent } from './labels.ts';

type CommunityRow = CampaignCoverage['byCommunity'][number];

/**
 * Coverage of a campaign: inspected / in scope as a bar with the counts, one row per community, and the compounds
 * registered after the start that have no task yet, each with "add task" so none is skipped silently.
 */
export function CoveragePanel({ campaign, coverage, loading, onChanged }: { campaign: CampaignView; coverage: CampaignCoverage | null; loading: boolean; onChanged(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [adding, setAdding] = useState<string | null>(null);
  const c = coverage?.totals ?? { ...campaign.coverage, findings: 0 };

  const add = async (compoundId: string, name: string) => {
    setAdding(compoundId);
    try {
      await addTask(campaign.id, compoundId);
      message.success(t('campaigns.added.done', { name }));
      onChanged();
    } catch (e) {
      handleError(e);
    } finally {
      setAdding(null);
    }
  };

  const columns: TableColumnsType<CommunityRow> = [
    { title: t('campaigns.community'), key: 'community', fixed: 'left', width: 110, render: (_: unknown, r) => r.communityName },
    { title: t('campaigns.coverage.inScope'), dataIndex: 'inScope', key: 'inScope', align: 'right', width: 70 },
    { title: t('campaigns.coverage.inspected'), dataIndex: 'inspected', key: 'inspected', align: 'right', width: 70 },
    { title: t('campaigns.coverage.waived'), dataIndex: 'waived', key: 'waived', align: 'right', width: 70 },
    { title: t('campaigns.coverage.open'), key: 'open', align: 'right', width: 70, render: (_: unknown, r) => <Typography.Text type={r.open ? 'danger' : undefined} strong={!!r.open}>{r.open}</Typography.Text> },
    { title: t('campaigns.coverage.rate'), key: 'rate', width: 140, render: (_: unknown, r) => <Progress percent={percent(r.rate)} size="small" status={r.inScope && !r.open ? 'success' : 'normal'} /> },
  ];

  return (
    <Card title={t('campaigns.coverage')} size="small">
      <Flex vertical gap={16} style={{ minWidth: 0 }}>
        <div>
          <Progress percent={percent(c.rate)} status={c.inScope > 0 && c.open === 0 ? 'success' : 'active'} aria-label={t('campaigns.coverage.aria', { inspected: c.inspected, inScope: c.inScope })} />
          <Typography.Text data-testid="coverage-text">{t('campaigns.coverage.summary', { inspected: c.inspected, inScope: c.inScope })}</Typography.Text>
        </div>
        <Row gutter={[12, 12]}>
          {(['inScope', 'inspected', 'waived', 'open', 'problemsFound', 'findings'] as const).map((k) => (
            <Col key={k} xs={8} md={4}>
              <Statistic title={t(`campaigns.coverage.${k}`)} value={c[k]} loading={loading && !coverage} styles={k === 'open' && c.open ? { content: { color: '#cf1322' } } : undefined} />
            </Col>
          ))}
        </Row>
        {coverage && coverage.addedAfterStart.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('campaigns.added.title', { n: coverage.addedAfterStart.length })}
            description={
              <Flex vertical gap={8} style={{ marginTop: 4 }}>
                {coverage.addedAfterStart.map((a) => (
                  <Flex key={a.compoundId} justify="space-between" align="center" wrap gap={8}>
                    <span style={{ overflowWrap: 'anywhere' }}>{`${a.compoundName} · ${a.communityName}`}</span>
                    {campaign.abilities.addTask && (
                      <Button size="small" icon={<PlusOutlined />} loading={adding === a.compoundId} onClick={() => void add(a.compoundId, a.compoundName)}>
                        {t('campaigns.added.add')}
                      </Button>
                    )}
                  </Flex>
                ))}
              </Flex>
            }
          />
        )}
        {coverage && coverage.byCommunity.length > 0 ? (
          <Table<CommunityRow> rowKey="communityId" size="small" columns={columns} dataSource={coverage.byCommunity} pagination={false} scroll={{ x: 540 }} />
        ) : (
          campaign.status === 'planned' && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.notStartedHelp')} />
        )}
      </Flex>
    </Card>
  );
}
