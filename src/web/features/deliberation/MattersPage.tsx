import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Flex, Form, Segmented, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { AppstoreOutlined, PlusOutlined, ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { MatterSummary } from '../../../shared/deliberation.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import type { Choice } from '../../components/RemoteSelect.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { getCompound } from '../registry/api.ts';
import { listMatters, listPublishedMethods, type MatterFilter, type MethodTemplateView } from './api.ts';
import { categoryLabel, categoryOptions, nameIn, sourceOptions } from './labels.ts';
import { MatterBoard } from './MatterBoard.tsx';
import { MatterFormModal, type MatterDefaults } from './MatterFormModal.tsx';
import { DueText, Satisfaction, StageTag } from './matter/MatterOverview.tsx';
import { CompoundSelect } from '../../components/CompoundSelect.tsx';
import { listCodec, useListInUrl } from '../../components/listInUrl.ts';
import { usePageLoad, usePagination } from '../../components/pagedList.ts';
import { SearchBox } from '../../components/SearchBox.tsx';

type Filter = Omit<MatterFilter, 'regionId'>;

// The list's filters and page live in the address, beside the page's own view and hand-over parameters.
const matterList = listCodec<Filter>(['q', 'compoundId', 'methodKey', 'stage', 'category', 'source']);

/**
 * 议题: the matters of the chosen place as a server-paged list with filters (overdue rows in red), or as a board by the
 * stages of one method. "New matter" opens the form; the opinions page sends `?new=1&compoundId=…&opinionIds=a,b` to
 * take opinions up. `compoundId` is also the list's compound filter, and stays: the list behind the form shows that
 * compound's matters.
 */
export default function MattersPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const region = useRegion();
  const regionId = useRegionId();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'board' ? 'board' : 'list';
  const { filter, page, pageSize, change, turnPage } = useListInUrl(matterList, regionId);
  // The list loads only while it is shown; the board loads its own.
  const { data, loading, reload } = usePageLoad(view === 'list' ? JSON.stringify([filter, regionId, page, pageSize]) : null, (signal) => listMatters({ ...filter, regionId }, page, pageSize, signal));
  const pagination = usePagination(page, pageSize, data.total, turnPage);
  const [methods, setMethods] = useState<MethodTemplateView[]>([]);
  const [creating, setCreating] = useState(false);
  const [handover, setHandover] = useState<MatterDefaults | null>(null);

  useEffect(() => {
    listPublishedMethods().then(setMethods, () => setMethods([]));
  }, []);

  // The opinions page hands opinions over in the URL; the form opens with them once, and the hand-over is cleaned off.
  useEffect(() => {
    if (params.get('new') !== '1') return;
    const ids = params.getAll('opinionIds').flatMap((s) => s.split(',')).filter(Boolean);
    const compoundId = params.get('compoundId');
    // The form opens once the compound's name is known, so its picker shows a name rather than an id.
    const open = (compound: Choice | null) => {
      setHandover({ opinionIds: ids, compound });
      setCreating(true);
    };
    if (compoundId) getCompound(compoundId).then((c) => open({ value: c.id, label: c.name }), () => open(null));
    else open(null);
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      ['new', 'opinionIds'].forEach((k) => next.delete(k));
      return next;
    }, { replace: true });
  }, [params, setParams]);

  const setView = (v: string) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (v === 'board') next.set('view', 'board');
      else next.delete('view');
      return next;
    }, { replace: true });
  };

  const method = methods.find((m) => m.key === filter.methodKey);
  const boardKey = filter.methodKey ?? methods[0]?.key;
  const methodOptions = methods.map((m) => ({ value: m.key, label: lang === 'en' ? m.nameEn : m.nameZh }));
  const stageOptions = useMemo(() => (method ? method.body.stages.map((s) => ({ value: s.key, label: nameIn(s.name, lang) })) : []), [method, lang]);
  const filtered = Object.entries(filter).some(([k, v]) => k !== 'open' && v !== undefined && v !== '');

  const columns: TableColumnsType<MatterSummary> = [
    {
      title: t('matters.field.title'),
      dataIndex: 'title',
      key: 'title',
      render: (v: string, m) => (
        <Link to={region.withRegion(`/deliberation/matters/${m.id}`)} aria-label={t('matters.list.open', { title: v })}>
          {v}
        </Link>
      ),
    },
    { title: t('matters.field.compound'), key: 'compound', render: (_: unknown, m) => m.compound.name },
    { title: t('matters.field.stage'), key: 'stage', render: (_: unknown, m) => <StageTag m={m} /> },
    { title: t('matters.field.dueAt'), key: 'due', render: (_: unknown, m) => <DueText m={m} /> },
    { title: t('matters.field.method'), key: 'method', responsive: ['lg'], render: (_: unknown, m) => nameIn(m.methodName, lang) || m.methodKey },
    { title: t('matters.field.category'), dataIndex: 'category', key: 'category', responsive: ['md'], render: (v: string) => categoryLabel(t, v) },
    { title: t('matters.field.executorOrg'), key: 'executor', responsive: ['md'], render: (_: unknown, m) => m.executorOrg?.name ?? t('common.none') },
    { title: t('matters.field.deadline'), dataIndex: 'deadline', key: 'deadline', responsive: ['lg'], render: (v: string | null) => v ?? t('common.none') },
    { title: t('matters.field.satisfaction'), key: 'satisfaction', responsive: ['lg'], render: (_: unknown, m) => <Satisfaction value={m.satisfaction} count={m.satisfactionCount} /> },
    { title: t('matters.field.createdAt'), dataIndex: 'createdAt', key: 'createdAt', responsive: ['xl'], render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
  ];

  const item = { flex: '1 1 180px', marginBottom: 8, minWidth: 0 };
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('matters.page.list')}
        </Typography.Title>
        <Space wrap>
          <Segmented
            aria-label={t('matters.list.view')}
            value={view}
            onChange={(v) => setView(String(v))}
            options={[
              { value: 'list', label: t('matters.list.viewList'), icon: <UnorderedListOutlined /> },
              { value: 'board', label: t('matters.list.viewBoard'), icon: <AppstoreOutlined /> },
            ]}
          />
          {view === 'list' && (
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('common.refresh')}
            </Button>
          )}
          {can('deliberation.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setHandover(null); setCreating(true); }}>
              {t('matters.list.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <Card>
        <Form layout="vertical" style={{ marginBottom: 8 }}>
          <Flex wrap gap={12}>
            {view === 'list' && (
              <Form.Item label={t('matters.list.search')} htmlFor="matters-q" style={{ ...item, flex: '2 1 220px' }}>
                <SearchBox id="matters-q" value={filter.q} placeholder={t('matters.list.searchPlaceholder')} button={t('common.search')} onSearch={(q) => change({ q })} />
              </Form.Item>
            )}
            <Form.Item label={t('matters.field.compound')} htmlFor="matters-compound" style={item}>
              <CompoundSelect
                id="matters-compound"
                regionId={regionId}
                value={filter.compoundId ?? null}
                onChange={(v) => change({ compoundId: v ?? undefined })}
                placeholder={t('matters.form.compoundPlaceholder')}
              />
            </Form.Item>
            <Form.Item label={t('matters.field.method')} htmlFor="matters-method" style={item}>
              <Select
                id="matters-method"
                allowClear={view === 'list'}
                placeholder={t('matters.list.any')}
                options={methodOptions}
                value={view === 'board' ? boardKey : filter.methodKey}
                onChange={(v?: string) => change({ methodKey: v, stage: undefined })}
              />
            </Form.Item>
            {view === 'list' && (
              <>
                <Form.Item label={t('matters.field.stage')} htmlFor="matters-stage" style={item}>
                  <Select
                    id="matters-stage"
                    allowClear
                    disabled={!method}
                    placeholder={method ? t('matters.list.any') : t('matters.list.methodFirst')}
                    options={stageOptions}
                    value={filter.stage}
                    onChange={(v?: string) => change({ stage: v })}
                  />
                </Form.Item>
                <Form.Item label={t('matters.field.category')} htmlFor="matters-category" style={item}>
                  <Select id="matters-category" allowClear placeholder={t('matters.list.any')} options={categoryOptions(t)} value={filter.category} onChange={(v?: string) => change({ category: v })} />
                </Form.Item>
                <Form.Item label={t('matters.field.source')} htmlFor="matters-source" style={item}>
                  <Select id="matters-source" allowClear placeholder={t('matters.list.any')} options={sourceOptions(t)} value={filter.source} onChange={(v?: string) => change({ source: v })} />
                </Form.Item>
                <Form.Item label={t('matters.list.state')} htmlFor="matters-open" style={item}>
                  <Select
                    id="matters-open"
                    value={filter.open === undefined ? 'all' : filter.open ? 'open' : 'closed'}
                    onChange={(v: string) => change({ open: v === 'all' ? undefined : v === 'open' })}
                    options={[
                      { value: 'open', label: t('matters.list.stateOpen') },
                      { value: 'closed', label: t('matters.list.stateClosed') },
                      { value: 'all', label: t('matters.list.any') },
                    ]}
                  />
                </Form.Item>
                <Form.Item label={t('matters.list.overdue')} htmlFor="matters-overdue" style={item}>
                  <Select
                    id="matters-overdue"
                    value={filter.overdue ? 'yes' : 'all'}
                    onChange={(v: string) => change({ overdue: v === 'yes' ? true : undefined })}
                    options={[
                      { value: 'all', label: t('matters.list.any') },
                      { value: 'yes', label: t('matters.list.overdueOnly') },
                    ]}
                  />
                </Form.Item>
              </>
            )}
          </Flex>
        </Form>
        {view === 'board' ? (
          boardKey ? (
            <MatterBoard methodKey={boardKey} compoundId={filter.compoundId} regionId={regionId} />
          ) : (
            <Typography.Text type="secondary">{t('matters.form.noMethods')}</Typography.Text>
          )
        ) : (
          <Table<MatterSummary>
            rowKey="id"
            columns={columns}
            dataSource={data.items}
            loading={loading}
            scroll={{ x: 'max-content' }}
            onRow={(m) => (m.overdue ? { style: { background: '#fff1f0' } } : {})}
            locale={{ emptyText: filtered ? t('matters.list.emptyFiltered') : t('matters.list.empty') }}
            pagination={pagination}
          />
        )}
      </Card>
      {creating && (
        <MatterFormModal
          defaults={handover ?? undefined}
          onClose={() => setCreating(false)}
          onSaved={(m) => {
            setCreating(false);
            navigate(region.withRegion(`/deliberation/matters/${m.id}`));
          }}
        />
      )}
    </Flex>
  );
}
