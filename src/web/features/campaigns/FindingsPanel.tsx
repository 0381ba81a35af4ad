import { Card, Flex, List, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { CampaignCoverage, CampaignView, FindingView } from '../../../shared/campaigns.ts';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../components/dateTime.ts';
import { usePagedList } from '../../components/pagedList.ts';
import { listFindings } from './api.ts';
import { nameIn } from './labels.ts';

type TypeRow = CampaignCoverage['findingsByType'][number];

/** Findings of a campaign: counts per problem type, and each finding with a link to the incident it became. */
export function FindingsPanel({ campaign, coverage, refreshKey }: { campaign: CampaignView; coverage: CampaignCoverage | null; refreshKey: number }) {
  const { t, lang } = useI18n();
  const region = useRegion();
  const list = usePagedList<FindingView, { categoryCode?: string }>((f, page, size, signal) => listFindings(campaign.id, f, page, size, signal), {}, String(refreshKey));
  const columns: TableColumnsType<TypeRow> = [
    { title: t('campaigns.findings.type'), key: 'type', render: (_: unknown, r) => `${r.categoryCode} ${nameIn(r.name, lang)}` },
    { title: t('campaigns.findings.count'), dataIndex: 'count', key: 'count', align: 'right', width: 80 },
  ];
  const selected = list.filter.categoryCode;
  return (
    <Card size="small" title={t('campaigns.findings.title')}>
      <Flex vertical gap={12} style={{ minWidth: 0 }}>
        <Table<TypeRow>
          rowKey="categoryCode"
          size="small"
          columns={columns}
          dataSource={coverage?.findingsByType ?? []}
          pagination={false}
          locale={{ emptyText: t('campaigns.findings.none') }}
          rowClassName={(r) => (r.categoryCode === selected ? 'ant-table-row-selected' : '')}
          onRow={(r) => ({ onClick: () => list.setFilter(r.categoryCode === selected ? {} : { categoryCode: r.categoryCode }), style: { cursor: 'pointer' } })}
        />
        {selected && <Typography.Text type="secondary">{t('campaigns.findings.filtered', { code: selected })}</Typography.Text>}
        <List
          size="small"
          loading={list.loading}
          dataSource={list.data.items}
          rowKey="id"
          locale={{ emptyText: t('campaigns.findings.none') }}
          pagination={list.data.total > list.paging.pageSize ? { ...list.pagination, simple: true } : false}
          renderItem={(f) => (
            <List.Item>
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Link to={region.withRegion(`/incidents/${f.incidentId}`)} style={{ overflowWrap: 'anywhere' }} data-testid="finding-link">
                  {t('campaigns.task.findingLink', { code: f.categoryCode, text: f.description })}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${f.compound.name} · ${f.recordedBy} · ${dateTime(f.recordedAt)}`}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Flex>
    </Card>
  );
}
