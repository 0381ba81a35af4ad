import { useMemo, useState } from 'react';
import { FilterActions } from '../../components/FilterActions.tsx';
import { Button, Card, Checkbox, Col, Empty, Flex, Form, Input, Pagination, Row, Select, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FAMILY_RELATION_LABELS, GENDER_LABELS, POLITICAL_STATUS_LABELS } from '../../../shared/registry-codes.ts';
import { ExportButton } from '../transfer/ExportButton.tsx';
import { listCompounds, listResidents, type Resident } from './api.ts';
import { residentFilterOf, type ResidentFilterValues as FilterValues } from './filters.ts';
import { useIsPhone } from './formKit.tsx';
import { labelOf, optionsOf } from './labels.ts';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { usePageLoad, usePagination } from '../../components/pagedList.ts';
import { ResidentFormModal } from './ResidentFormModal.tsx';

/** Tags are never shown: only that some exist and need the reveal right. */
export function TagsMarker({ has }: { has: boolean }) {
  const { t } = useI18n();
  return has ? <Tag color="purple">{t('registry.resident.tagsHidden')}</Tag> : <>{t('common.none')}</>;
}

/**
 * Residents with masked ID numbers and phones: server paging, filters, exact lookup by ID number or phone, a table on desktop
 * and cards on phones. Used by the residents page and, with a fixed compound, by the compound's 居民 tab.
 */
export function ResidentsTable({ compoundId, compoundName }: { compoundId?: string; compoundName?: string }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const region = useRegion();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [form] = Form.useForm<FilterValues>();
  const [values, setValues] = useState<FilterValues>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const { filter, lookup } = useMemo(() => residentFilterOf(values, compoundId), [values, compoundId]);
  // The hint under the search box follows what is typed, before the search runs.
  const typed = Form.useWatch('search', form);
  const typedLookup = residentFilterOf({ search: typed }).lookup;
  // On phones only the search box shows until the user asks for the other filters.
  const [more, setMore] = useState(false);
  const showMore = !phone || more;

  const scoped = compoundId ? filter : { ...filter, regionId: region.selected?.id };
  const { data, loading, reload } = usePageLoad(JSON.stringify([scoped, paging]), (signal) => listResidents(scoped, paging.page, paging.pageSize, signal));

  const apply = (v: FilterValues) => {
    setValues(v);
    setPaging((p) => ({ ...p, page: 1 }));
    reload(); // the same search again loads again
  };

  const link = (r: Resident) => region.withRegion(`/registry/residents/${r.id}`);
  const none = t('common.none');
  const nameCell = (r: Resident) => (
    <Space size={4} wrap>
      <Link to={link(r)}>{r.name}</Link>
      {r.minor && <Tag color="gold">{t('registry.resident.minor')}</Tag>}
      {r.movedOutOn && <Tag>{t('registry.resident.movedOut')}</Tag>}
    </Space>
  );
  const columns: TableColumnsType<Resident> = [
    { title: t('registry.resident.name'), key: 'name', render: (_: unknown, r) => nameCell(r) },
    ...(compoundId ? [] : [{ title: t('registry.resident.compound'), key: 'compound', render: (_: unknown, r: Resident) => <Link to={region.withRegion(`/registry/compounds/${r.compoundId}`)}>{r.compoundName}</Link> }]),
    { title: t('registry.resident.household'), key: 'household', render: (_: unknown, r) => r.householdLabel ?? none },
    { title: t('registry.resident.gender'), key: 'gender', render: (_: unknown, r) => labelOf(GENDER_LABELS, r.gender, lang) || none },
    { title: t('registry.resident.ageBand'), key: 'ageBand', render: (_: unknown, r) => (r.ageBand ? t('registry.resident.ageBandValue', { band: r.ageBand }) : none) },
    { title: t('registry.resident.idNumber'), key: 'idNumber', render: (_: unknown, r) => <Typography.Text code>{r.idNumberMasked ?? none}</Typography.Text> },
    { title: t('registry.resident.phone'), key: 'phone', render: (_: unknown, r) => <Typography.Text code>{r.phoneMasked ?? none}</Typography.Text> },
    { title: t('registry.resident.politicalStatus'), key: 'politicalStatus', render: (_: unknown, r) => labelOf(POLITICAL_STATUS_LABELS, r.politicalStatus, lang) || none },
    { title: t('registry.resident.relation'), key: 'relation', render: (_: unknown, r) => labelOf(FAMILY_RELATION_LABELS, r.relation, lang) || none },
    { title: t('registry.resident.tags'), key: 'tags', render: (_: unknown, r) => <TagsMarker has={r.hasProtectedTags} /> },
  ];

  const yesNo = [
    { value: 'yes', label: t('common.yes') },
    { value: 'no', label: t('common.no') },
  ];
  const col = { xs: 24, sm: 12, lg: 8, xl: 6 };
  const filtered = Object.values(residentFilterOf(values).filter).some((v) => v !== undefined);
  const pagination = usePagination(paging.page, paging.pageSize, data.total, (page, pageSize) => setPaging({ page, pageSize }));
  const empty = lookup ? t('registry.resident.emptyLookup') : filtered ? t('registry.resident.emptyFiltered') : t('registry.resident.empty');

  return (
    <Flex vertical gap={12} style={{ minWidth: 0 }}>
      <Form form={form} name={compoundId ? 'compoundResidentFilter' : 'residentFilter'} layout="vertical" onFinish={apply} aria-label={t('registry.common.filters')}>
        <Row gutter={12}>
          <Col xs={24} sm={24} lg={8} xl={6}>
            <Form.Item label={t('registry.resident.search')} name="search" extra={typedLookup ? t(typedLookup === 'idNumber' ? 'registry.resident.lookupId' : 'registry.resident.lookupPhone') : undefined}>
              <Input allowClear placeholder={t('registry.resident.searchPlaceholder')} onPressEnter={() => form.submit()} autoComplete="off" />
            </Form.Item>
          </Col>
          {showMore && (
            <>
              {!compoundId && (
                <Col {...col}>
                  <Form.Item label={t('registry.resident.compound')} name="compoundId">
                    <RemoteSelect
                      key={region.selected?.id ?? 'all'}
                      placeholder={t('common.all')}
                      load={async (q) => (await listCompounds({ regionId: region.selected?.id, q: q || undefined }, 1, 30)).items.map((c) => ({ value: c.id, label: c.name }))}
                    />
                  </Form.Item>
                </Col>
              )}
              <Col {...col}>
                <Form.Item label={t('registry.resident.politicalStatus')} name="politicalStatus">
                  <Select allowClear placeholder={t('common.all')} options={optionsOf(POLITICAL_STATUS_LABELS, lang)} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item label={t('registry.resident.hasTags')} name="hasProtectedTags">
                  <Select allowClear placeholder={t('common.all')} options={yesNo} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item label={t('registry.resident.minorFilter')} name="minor">
                  <Select allowClear placeholder={t('common.all')} options={yesNo} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item label={t('registry.resident.movedOutFilter')} name="includeMovedOut" valuePropName="checked">
                  <Checkbox>{t('registry.resident.includeMovedOut')}</Checkbox>
                </Form.Item>
              </Col>
            </>
          )}
          <FilterActions col={col} phone={phone} onReset={() => { form.resetFields(); apply({}); }} more={more} onToggleMore={() => setMore((m) => !m)} />
        </Row>
      </Form>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('registry.resident.maskedNote')}</Typography.Text>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={reload}>{t('common.refresh')}</Button>
          <ExportButton entity="residents" filters={filter as Record<string, unknown>} />
          {auth.can('resident.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('registry.resident.new')}
            </Button>
          )}
        </Space>
      </Flex>
      {phone ? (
        <Spin spinning={loading}>
          {data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={loading ? t('common.loading') : empty} />
          ) : (
            <ul aria-label={t('page.residents')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
              {data.items.map((r) => (
                <li key={r.id}>
                  <Card size="small" title={nameCell(r)} styles={{ body: { padding: 12 } }}>
                    <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 12, rowGap: 4, margin: 0, fontSize: 13 }}>
                      {!compoundId && (
                        <>
                          <dt style={{ color: '#888' }}>{t('registry.resident.compound')}</dt>
                          <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>{r.compoundName}</dd>
                        </>
                      )}
                      <dt style={{ color: '#888' }}>{t('registry.resident.household')}</dt>
                      <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>{r.householdLabel ?? none}</dd>
                      <dt style={{ color: '#888' }}>{t('registry.resident.ageBand')}</dt>
                      <dd style={{ margin: 0 }}>{r.ageBand ? t('registry.resident.ageBandValue', { band: r.ageBand }) : none}</dd>
                      <dt style={{ color: '#888' }}>{t('registry.resident.idNumber')}</dt>
                      <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>{r.idNumberMasked ?? none}</dd>
                      <dt style={{ color: '#888' }}>{t('registry.resident.phone')}</dt>
                      <dd style={{ margin: 0 }}>{r.phoneMasked ?? none}</dd>
                      <dt style={{ color: '#888' }}>{t('registry.resident.politicalStatus')}</dt>
                      <dd style={{ margin: 0 }}>{labelOf(POLITICAL_STATUS_LABELS, r.politicalStatus, lang) || none}</dd>
                      {r.hasProtectedTags && (
                        <>
                          <dt style={{ color: '#888' }}>{t('registry.resident.tags')}</dt>
                          <dd style={{ margin: 0 }}>
                            <TagsMarker has />
                          </dd>
                        </>
                      )}
                    </dl>
                  </Card>
                </li>
              ))}
            </ul>
          )}
          {data.total > 0 && <Pagination simple style={{ marginTop: 12, justifyContent: 'center' }} {...pagination} />}
        </Spin>
      ) : (
        <Table<Resident>
          rowKey="id"
          size={compoundId ? 'small' : 'middle'}
          columns={columns}
          dataSource={data.items}
          loading={loading}
          scroll={{ x: compoundId ? 1000 : 1150 }}
          locale={{ emptyText: empty }}
          pagination={pagination}
        />
      )}
      <ResidentFormModal
        open={creating}
        compound={compoundId ? { id: compoundId, name: compoundName ?? '' } : undefined}
        onClose={() => setCreating(false)}
        onSaved={(r) => {
          setCreating(false);
          navigate(region.withRegion(`/registry/residents/${r.id}`));
        }}
      />
    </Flex>
  );
}
