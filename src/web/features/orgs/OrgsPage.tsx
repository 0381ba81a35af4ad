import { ExportButton } from '../transfer/ExportButton.tsx';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Flex, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Page } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useAuth } from '../../app/auth.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { listOrgs, type OrgFilter, type OrgView } from './api.ts';
import { categoryLabel, categoryOptions, orgTypeLabel, termText, typeOptions } from './labels.ts';
import { OrgFormModal } from './OrgFormModal.tsx';
import type { Choice } from '../../components/RemoteSelect.tsx';
import { CompoundSelect } from '../../components/CompoundSelect.tsx';

/** Organisations across the chosen place: filters (type, category, compound, name), server paging, create. */
export default function OrgsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const region = useRegion();
  const regionId = useRegionId();
  const navigate = useNavigate();
  const handleError = useApiErrorHandler();
  const [filter, setFilter] = useState<Omit<OrgFilter, 'regionId'>>({});
  const [compound, setCompound] = useState<Choice | null>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<OrgView>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listOrgs({ ...filter, regionId }, paging.page, paging.pageSize));
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [filter, regionId, paging, handleError]);

  useEffect(() => {
    void load();
  }, [load]);

  // A new place starts from the first page.
  useEffect(() => setPaging((p) => (p.page === 1 ? p : { ...p, page: 1 })), [regionId]);

  const change = (patch: Partial<OrgFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPaging((p) => (p.page === 1 ? p : { ...p, page: 1 }));
  };

  const filtered = Object.values(filter).some((v) => v !== undefined && v !== '');
  const columns: TableColumnsType<OrgView> = [
    {
      title: t('orgs.field.name'),
      dataIndex: 'name',
      key: 'name',
      render: (v: string, o) => (
        <Link to={region.withRegion(`/orgs/organisations/${o.id}`)} aria-label={t('orgs.list.open', { name: v })}>
          {v}
        </Link>
      ),
    },
    { title: t('orgs.field.type'), dataIndex: 'type', key: 'type', render: (v: string) => orgTypeLabel(v, lang) },
    { title: t('orgs.field.category'), dataIndex: 'category', key: 'category', responsive: ['md'], render: (v: string) => <Tag>{categoryLabel(v, lang)}</Tag> },
    { title: t('orgs.field.anchor'), dataIndex: 'anchorName', key: 'anchor', render: (v: string | null) => v ?? t('orgs.anchorNone') },
    { title: t('orgs.field.term'), key: 'term', responsive: ['lg'], render: (_: unknown, o) => termText(o, t('common.none')) },
    { title: t('orgs.field.positions'), dataIndex: 'positionCount', key: 'positions', align: 'right', responsive: ['md'] },
    {
      title: t('orgs.field.status'),
      dataIndex: 'active',
      key: 'active',
      render: (v: boolean) => (v ? <Tag color="green">{t('orgs.status.active')}</Tag> : <Tag>{t('orgs.status.inactive')}</Tag>),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('page.organisations')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
          <ExportButton entity="orgs" filters={{ ...filter, regionId }} />
          {can('org.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('orgs.list.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <Card>
        <Form layout="vertical" style={{ marginBottom: 8 }}>
          <Flex wrap gap={12}>
            <Form.Item label={t('orgs.list.search')} htmlFor="orgs-q" style={{ flex: '1 1 220px', marginBottom: 8 }}>
              <Input.Search id="orgs-q" placeholder={t('orgs.list.searchPlaceholder')} allowClear enterButton={t('common.search')} onSearch={(v) => change({ q: v.trim() || undefined })} />
            </Form.Item>
            <Form.Item label={t('orgs.list.type')} htmlFor="orgs-type" style={{ flex: '1 1 180px', marginBottom: 8 }}>
              <Select id="orgs-type" allowClear placeholder={t('orgs.list.any')} options={typeOptions(lang)} value={filter.type} onChange={(v?: string) => change({ type: v })} />
            </Form.Item>
            <Form.Item label={t('orgs.list.category')} htmlFor="orgs-category" style={{ flex: '1 1 160px', marginBottom: 8 }}>
              <Select id="orgs-category" allowClear placeholder={t('orgs.list.any')} options={categoryOptions(lang)} value={filter.category} onChange={(v?: string) => change({ category: v })} />
            </Form.Item>
            <Form.Item label={t('orgs.list.compound')} htmlFor="orgs-compound" style={{ flex: '1 1 220px', marginBottom: 8 }}>
              <CompoundSelect
                id="orgs-compound"
                regionId={regionId}
                value={filter.compoundId ?? null}
                onChange={(v, c) => {
                  setCompound(c ?? null);
                  change({ compoundId: v ?? undefined });
                }}
                placeholder={t('orgs.list.compoundPlaceholder')}
                notFound={t('orgs.common.noMatch')}
              />
            </Form.Item>
          </Flex>
        </Form>
        <Table<OrgView>
          rowKey="id"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: filtered ? t('orgs.list.emptyFiltered') : t('orgs.list.empty') }}
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
      <OrgFormModal
        open={creating}
        org={null}
        defaults={{ compound }}
        onClose={() => setCreating(false)}
        onSaved={(o) => {
          setCreating(false);
          navigate(region.withRegion(`/orgs/organisations/${o.id}`));
        }}
      />
    </Flex>
  );
}
