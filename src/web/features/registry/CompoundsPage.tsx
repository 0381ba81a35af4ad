import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Flex, Form, Input, Row, Select, Space, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { Page } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useAuth } from '../../app/auth.tsx';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FIVE_ONES_ITEMS } from '../../../shared/org-types.ts';
import { HOUSING_TYPE_LABELS, PROPERTY_MODE_LABELS } from '../../../shared/registry-codes.ts';
import { ExportButton } from '../transfer/ExportButton.tsx';
import { listCompounds, type Compound, type CompoundSort } from './api.ts';
import { compoundFilterOf, SORT_OF, type CompoundFilterValues as FilterValues } from './filters.ts';
import { CompoundFormModal } from './CompoundFormModal.tsx';
import { FiveOnesTag } from './FiveOnesTag.tsx';
import { useIsPhone } from './formKit.tsx';
import { labelOf, optionsIn, optionsOf } from './labels.ts';

/** Compounds: server paging and sorting, filters (place, housing, property mode, five ones, committee), search, export, create. */
export default function CompoundsPage() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const region = useRegion();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<FilterValues>();
  const [values, setValues] = useState<FilterValues>({});
  const [sort, setSort] = useState<{ sort?: CompoundSort; dir?: 'asc' | 'desc' }>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<Compound>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);

  const regionId = region.selected?.id;
  const filter = useMemo(() => ({ ...compoundFilterOf(values, regionId), ...sort }), [values, regionId, sort]);
  // Communities offered in the filter: those under the chosen place that the user may pick.
  const communities = useMemo(
    () => region.regions.filter((r) => r.level === 'community' && !r.ancestorOnly && (!region.scopePath || r.scopePath.startsWith(region.scopePath))),
    [region.regions, region.scopePath],
  );

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (region.loading) return;
      setLoading(true);
      try {
        setData(await listCompounds(filter, paging.page, paging.pageSize, signal));
      } catch (e) {
        if ((e as Error)?.name !== 'AbortError') handleError(e);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [filter, paging, handleError, region.loading],
  );

  useEffect(() => {
    const ac = new AbortController();
    void load(ac.signal);
    return () => ac.abort();
  }, [load]);

  // A new place resets the page and a community filter outside it.
  useEffect(() => {
    setPaging((p) => (p.page === 1 ? p : { ...p, page: 1 }));
    const c = form.getFieldValue('communityId') as string | undefined;
    if (c && !communities.some((x) => x.id === c)) {
      form.setFieldsValue({ communityId: undefined });
      setValues((v) => ({ ...v, communityId: undefined }));
    }
  }, [regionId, communities, form]);

  const apply = (v: FilterValues) => {
    setValues(v);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const onTableChange: TableProps<Compound>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? SORT_OF[String(s.columnKey)] : undefined;
    setSort(key ? { sort: key, dir: s.order === 'descend' ? 'desc' : 'asc' } : {});
    setPaging({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 });
  };

  const sortOrder = (key: string) => (sort.sort && SORT_OF[key] === sort.sort ? (sort.dir === 'desc' ? 'descend' : 'ascend') : null);
  const none = t('common.none');
  const columns: TableColumnsType<Compound> = [
    {
      title: t('registry.compound.name'),
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      fixed: phone ? undefined : 'left',
      render: (_: unknown, c) => <Link to={region.withRegion(`/registry/compounds/${c.id}`)}>{c.name}</Link>,
    },
    { title: t('registry.compound.community'), dataIndex: 'communityName', key: 'community' },
    { title: t('registry.compound.housingType'), key: 'housingType', render: (_: unknown, c) => labelOf(HOUSING_TYPE_LABELS, c.housingType, lang) },
    { title: t('registry.compound.propertyMode'), key: 'propertyMode', render: (_: unknown, c) => labelOf(PROPERTY_MODE_LABELS, c.propertyMode, lang) },
    { title: t('registry.compound.buildYear'), key: 'buildYear', dataIndex: 'buildYear', sorter: true, sortOrder: sortOrder('buildYear'), render: (v: number | null) => v ?? none },
    {
      title: t('registry.compound.householdCount'),
      key: 'householdCount',
      dataIndex: 'householdCount',
      sorter: true,
      sortOrder: sortOrder('householdCount'),
      render: (v: number | null) => (v == null ? none : t('registry.unit.householdsN', { n: v })),
    },
    {
      title: t('registry.fiveOnes.title'),
      key: 'fiveOnes',
      width: 220,
      render: (_: unknown, c) => (c.fiveOnes ? <FiveOnesTag score={c.fiveOnes.score} missing={c.fiveOnes.missing} /> : none),
    },
    { title: t('registry.compound.grid'), key: 'grid', dataIndex: 'gridName', render: (v: string | null) => v ?? none },
  ];

  const yesNo = [
    { value: 'yes', label: t('common.yes') },
    { value: 'no', label: t('common.no') },
  ];
  const col = { xs: 24, sm: 12, lg: 8, xl: 6 };
  const filtered = Object.values(compoundFilterOf(values, undefined)).some((v) => v !== undefined);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('page.compounds')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>{t('common.refresh')}</Button>
          <ExportButton entity="compounds" filters={filter as Record<string, unknown>} />
          {auth.can('compound.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('registry.compound.new')}
            </Button>
          )}
        </Space>
      </Flex>
      <Card>
        <Form form={form} name="compoundFilter" layout="vertical" onFinish={apply} aria-label={t('registry.common.filters')}>
          <Row gutter={12}>
            <Col {...col}>
              <Form.Item label={t('registry.compound.search')} name="q">
                <Input allowClear placeholder={t('registry.compound.searchPlaceholder')} onPressEnter={() => form.submit()} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('registry.compound.community')} name="communityId">
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.all')} options={communities.map((c) => ({ value: c.id, label: c.name }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('registry.compound.housingType')} name="housingType">
                <Select allowClear placeholder={t('common.all')} options={optionsOf(HOUSING_TYPE_LABELS, lang)} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('registry.compound.propertyMode')} name="propertyMode">
                <Select allowClear placeholder={t('common.all')} options={optionsOf(PROPERTY_MODE_LABELS, lang)} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('registry.fiveOnes.completeness')} name="fiveOnes">
                <Select
                  allowClear
                  placeholder={t('common.all')}
                  options={[
                    { value: 'complete', label: t('registry.fiveOnes.complete') },
                    { value: 'incomplete', label: t('registry.fiveOnes.incomplete') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('registry.fiveOnes.missingFilter')} name="missing">
                <Select mode="multiple" allowClear placeholder={t('registry.fiveOnes.missingPlaceholder')} options={optionsIn(FIVE_ONES_ITEMS, lang)} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('registry.compound.hasOwnersCommittee')} name="hasOwnersCommittee">
                <Select allowClear placeholder={t('common.all')} options={yesNo} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={phone ? undefined : <span aria-hidden>&nbsp;</span>} colon={false}>
                <Space wrap>
                  <Button type="primary" htmlType="submit">{t('common.search')}</Button>
                  <Button
                    onClick={() => {
                      form.resetFields();
                      apply({});
                    }}
                  >
                    {t('common.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Table<Compound>
          rowKey="id"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          scroll={{ x: 980 }}
          onChange={onTableChange}
          locale={{ emptyText: filtered ? t('registry.compound.emptyFiltered') : t('registry.compound.empty') }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data.total,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
          }}
        />
      </Card>
      <CompoundFormModal
        open={creating}
        defaultCommunityId={region.selected?.level === 'community' ? region.selected.id : communities.length === 1 ? communities[0].id : undefined}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          navigate(region.withRegion(`/registry/compounds/${c.id}`));
        }}
      />
    </Flex>
  );
}
