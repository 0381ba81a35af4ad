import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Flex, Form, Grid, Input, Select, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import type { FiveOnesItem, FiveOnesKey } from '../../../shared/org-types.ts';
import type { Page } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ExportButton } from '../transfer/ExportButton.tsx';
import { fiveOnesSummary, listFiveOnes, type FiveOnesRow, type FiveOnesSummary } from './api.ts';
import { fiveOnesItems } from './labels.ts';

/** One checklist item as a check or a cross, with what meets it (or that it is missing) for screen readers and on hover. */
function ItemMark({ label, ok, detail, has, lacks }: { label: string; ok: boolean; detail: string | null; has: string; lacks: string }) {
  const text = ok ? `${label}：${has}` : `${label}：${lacks}`;
  return (
    <Tooltip title={ok ? detail : lacks}>
      <span role="img" aria-label={text} data-ok={ok} style={{ fontSize: 18 }}>
        {ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
      </span>
    </Tooltip>
  );
}

/**
 * 五个一 across the chosen place: counts per item at the top, and the compounds with their checklists, filtered by the
 * items they lack (e.g. "which compounds lack a contact unit"), completeness and name; each links to its compound.
 */
export default function FiveOnesPage() {
  const { t, lang } = useI18n();
  const region = useRegion();
  const regionId = useRegionId();
  const handleError = useApiErrorHandler();
  const items = fiveOnesItems(lang);
  const screens = Grid.useBreakpoint();
  const [missing, setMissing] = useState<FiveOnesItem[]>([]);
  const [complete, setComplete] = useState<'true' | 'false' | undefined>();
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<FiveOnesRow>>({ items: [], total: 0 });
  const [summary, setSummary] = useState<FiveOnesSummary | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [page, sum] = await Promise.all([
        listFiveOnes({ regionId, q: q || undefined, missing, complete: complete === undefined ? undefined : complete === 'true' }, paging.page, paging.pageSize),
        fiveOnesSummary(regionId),
      ]);
      setData(page);
      setSummary(sum);
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [regionId, q, missing, complete, paging, handleError]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => setPaging((p) => (p.page === 1 ? p : { ...p, page: 1 })), [regionId, q, missing, complete]);

  const has = (detail: string | null) => t('orgs.fiveOnes.has', { detail: detail ?? '' });
  const columns: TableColumnsType<FiveOnesRow> = [
    {
      title: t('orgs.fiveOnes.compound'),
      dataIndex: 'name',
      key: 'name',
      render: (v: string, r) => (
        <Link to={region.withRegion(`/registry/compounds/${r.compoundId}`)} style={{ display: 'inline-block', minWidth: '4.5em' }}>
          {v}
        </Link>
      ),
    },
    { title: t('orgs.fiveOnes.community'), dataIndex: 'communityName', key: 'community', responsive: ['md'], render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('orgs.fiveOnes.score'),
      dataIndex: 'score',
      key: 'score',
      align: 'center',
      render: (v: number) => (
        <Typography.Text strong type={v === 5 ? 'success' : v <= 2 ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {t('orgs.fiveOnes.scoreValue', { n: v })}
        </Typography.Text>
      ),
    },
    {
      // Phones get the missing items as words instead of five icon columns.
      title: t('orgs.fiveOnes.missing'),
      key: 'missing',
      responsive: ['xs'],
      render: (_: unknown, r) =>
        r.missing.length ? (
          <Flex wrap gap={4}>
            {items.filter((it) => r.missing.includes(it.code)).map((it) => (
              <Tag key={it.code} color="red" style={{ marginInlineEnd: 0 }}>
                {it.label}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Tag color="green">{t('orgs.fiveOnes.completeYes')}</Tag>
        ),
    },
    ...items.map((it) => ({
      title: it.label,
      key: it.code,
      align: 'center' as const,
      responsive: ['sm' as const],
      render: (_: unknown, r: FiveOnesRow) => {
        const c = r.items[it.key as FiveOnesKey];
        return <ItemMark label={it.label} ok={c.ok} detail={c.detail} has={has(c.detail)} lacks={t('orgs.fiveOnes.lacks')} />;
      },
    })),
  ];

  const filtered = missing.length > 0 || complete !== undefined || !!q;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('page.fiveOnes')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
          <ExportButton entity="five-ones" filters={{ regionId, q: q || undefined, missing, complete }} />
        </Space>
      </Flex>

      <div role="group" aria-label={t('page.fiveOnes')} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(110px, 1fr))', gap: 12 }}>
        <Card size="small" loading={!summary}>
          <Statistic title={t('orgs.fiveOnes.total')} value={summary?.total ?? 0} />
        </Card>
        <Card size="small" loading={!summary}>
          <Statistic title={t('orgs.fiveOnes.complete')} value={summary?.complete ?? 0} suffix={t('orgs.fiveOnes.ofTotal', { n: summary?.total ?? 0 })} styles={{ content: { color: '#389e0d' } }} />
        </Card>
        {items.map((it) => (
          <Card key={it.code} size="small" loading={!summary}>
            <Statistic title={it.label} value={summary?.byItem[it.key as FiveOnesKey] ?? 0} suffix={t('orgs.fiveOnes.ofTotal', { n: summary?.total ?? 0 })} />
          </Card>
        ))}
      </div>

      <Card styles={{ body: screens.sm === false ? { padding: 12 } : undefined }}>
        <Form layout="vertical" style={{ marginBottom: 8 }}>
          <Flex wrap gap={12}>
            <Form.Item label={t('orgs.fiveOnes.missing')} htmlFor="five-missing" style={{ flex: '2 1 260px', marginBottom: 8 }}>
              <Select<FiveOnesItem[]>
                id="five-missing"
                mode="multiple"
                allowClear
                placeholder={t('orgs.fiveOnes.missingPlaceholder')}
                value={missing}
                onChange={(v) => setMissing(v)}
                options={items.map((it) => ({ value: it.code, label: it.label }))}
              />
            </Form.Item>
            <Form.Item label={t('orgs.fiveOnes.completeness')} htmlFor="five-complete" style={{ flex: '1 1 140px', marginBottom: 8 }}>
              <Select
                id="five-complete"
                allowClear
                placeholder={t('common.all')}
                value={complete}
                onChange={(v?: 'true' | 'false') => setComplete(v)}
                options={[
                  { value: 'true', label: t('orgs.fiveOnes.completeYes') },
                  { value: 'false', label: t('orgs.fiveOnes.completeNo') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('orgs.fiveOnes.search')} htmlFor="five-q" style={{ flex: '1 1 200px', marginBottom: 8 }}>
              <Input.Search id="five-q" allowClear enterButton={t('common.search')} onSearch={(v) => setQ(v.trim())} />
            </Form.Item>
          </Flex>
        </Form>
        <Table<FiveOnesRow>
          rowKey="compoundId"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          // On phones the table fits the screen (missing items wrap as tags); wider screens scroll if they must.
          scroll={screens.sm === false ? undefined : { x: 'max-content' }}
          locale={{ emptyText: filtered ? t('orgs.fiveOnes.emptyFiltered') : t('orgs.fiveOnes.empty') }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data.total,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
    </Flex>
  );
}
