import { ExportButton } from '../transfer/ExportButton.tsx';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Flex, Form, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ORG_WARNING_CODES, type OrgWarningCode } from '../../../shared/org-types.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { listWarnings, type OrgWarning, type WarningPage } from './api.ts';
import { orgTypeLabel } from './labels.ts';

/** Codes the server reports with severity 'error' (the count turns red); each row's tag follows the row's own severity. */
const ERROR_CODES: readonly OrgWarningCode[] = ['OWNERS_COMMITTEE_SIZE', 'OWNERS_COMMITTEE_TERM', 'NOT_FILED', 'TERM_EXPIRED'];

/** Term and size warnings of every organisation in the chosen place, with counts per code, filterable by code and severity. */
export default function WarningsPage() {
  const { t, lang } = useI18n();
  const region = useRegion();
  const regionId = useRegionId();
  const handleError = useApiErrorHandler();
  const [code, setCode] = useState<OrgWarningCode | undefined>();
  const [severity, setSeverity] = useState<'warning' | 'error' | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<WarningPage>({ items: [], total: 0, byCode: {} });
  const [counts, setCounts] = useState<{ total: number; byCode: WarningPage['byCode'] }>({ total: 0, byCode: {} });
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const page = await listWarnings({ regionId, code, severity }, paging.page, paging.pageSize);
      setData(page);
      // The counts at the top cover every code, so they come from the list without the code filter.
      if (code) {
        const all = await listWarnings({ regionId, severity }, 1, 1);
        setCounts({ total: all.total, byCode: all.byCode });
      } else setCounts({ total: page.total, byCode: page.byCode });
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [regionId, code, severity, paging, handleError]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => setPaging((p) => (p.page === 1 ? p : { ...p, page: 1 })), [regionId, code, severity]);

  const codeLabel = (c: string) => t.dyn(`orgs.warning.${c}`, c);
  const columns: TableColumnsType<OrgWarning> = [
    {
      title: t('orgs.warnings.severity'),
      dataIndex: 'severity',
      key: 'severity',
      width: 90,
      render: (v: 'warning' | 'error') => <Tag color={v === 'error' ? 'red' : 'orange'}>{t(v === 'error' ? 'orgs.warnings.severity.error' : 'orgs.warnings.severity.warning')}</Tag>,
    },
    { title: t('orgs.warnings.code'), dataIndex: 'code', key: 'code', render: (v: string) => <span data-code={v}>{codeLabel(v)}</span> },
    { title: t('orgs.warnings.message'), key: 'message', render: (_: unknown, w) => (lang === 'en' ? w.en : w.zh) },
    {
      title: t('orgs.warnings.org'),
      key: 'org',
      render: (_: unknown, w) => (
        <Flex vertical>
          <Link to={region.withRegion(`/orgs/organisations/${w.orgId}`)}>{w.orgName}</Link>
          <Typography.Text type="secondary">{orgTypeLabel(w.orgType, lang)}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('orgs.warnings.compound'),
      key: 'compound',
      render: (_: unknown, w) => (w.compound ? <Link to={region.withRegion(`/registry/compounds/${w.compound.id}`)}>{w.compound.name}</Link> : t('common.none')),
    },
  ];

  const countButton = (c: OrgWarningCode | undefined, label: string, n: number) => {
    const active = code === c;
    const danger = c && ERROR_CODES.includes(c) && n > 0;
    return (
      <Button
        key={c ?? 'all'}
        type={active ? 'primary' : 'default'}
        aria-pressed={active}
        aria-label={c ? t('orgs.warnings.filterByCode', { label }) + ` ${n}` : `${label} ${n}`}
        onClick={() => setCode(c)}
        style={{ height: 'auto', padding: '8px 12px', minWidth: 132, textAlign: 'left', whiteSpace: 'normal' }}
      >
        <Flex vertical align="flex-start" gap={2} style={{ width: '100%' }}>
          <span style={{ fontSize: 12 }}>{label}</span>
          <span style={{ fontSize: 22, fontWeight: 600, color: active ? undefined : danger ? '#cf1322' : n > 0 ? '#d46b08' : '#8c8c8c' }}>{n}</span>
        </Flex>
      </Button>
    );
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('page.warnings')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
          <ExportButton entity="org-warnings" filters={{ regionId, code }} />
        </Space>
      </Flex>
      <Card>
        <Flex wrap gap={8} role="group" aria-label={t('orgs.warnings.code')}>
          {countButton(undefined, t('orgs.warnings.total'), counts.total)}
          {ORG_WARNING_CODES.map((c) => countButton(c, codeLabel(c), counts.byCode[c] ?? 0))}
        </Flex>
      </Card>
      <Card>
        <Form layout="vertical" style={{ marginBottom: 8 }}>
          <Flex wrap gap={12}>
            <Form.Item label={t('orgs.warnings.code')} htmlFor="warnings-code" style={{ flex: '1 1 240px', marginBottom: 8 }}>
              <Select
                id="warnings-code"
                allowClear
                placeholder={t('orgs.warnings.showAll')}
                value={code}
                onChange={(v?: OrgWarningCode) => setCode(v)}
                options={ORG_WARNING_CODES.map((c) => ({ value: c, label: codeLabel(c) }))}
              />
            </Form.Item>
            <Form.Item label={t('orgs.warnings.severity')} htmlFor="warnings-severity" style={{ flex: '1 1 160px', marginBottom: 8 }}>
              <Select
                id="warnings-severity"
                allowClear
                placeholder={t('orgs.list.any')}
                value={severity}
                onChange={(v?: 'warning' | 'error') => setSeverity(v)}
                options={[
                  { value: 'error', label: t('orgs.warnings.severity.error') },
                  { value: 'warning', label: t('orgs.warnings.severity.warning') },
                ]}
              />
            </Form.Item>
          </Flex>
        </Form>
        <Table<OrgWarning>
          rowKey={(w) => `${w.orgId}:${w.code}:${w.positionId ?? ''}`}
          columns={columns}
          dataSource={data.items}
          loading={loading}
          scroll={{ x: 860 }}
          locale={{ emptyText: code || severity ? t('orgs.warnings.emptyFiltered') : t('orgs.warnings.empty') }}
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
