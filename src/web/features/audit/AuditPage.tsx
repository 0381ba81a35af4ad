import { useCallback, useEffect, useState } from 'react';
import { AutoComplete, Button, Card, DatePicker, Flex, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Page } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import type { AuditView, ChainReport } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { searchAudit, verifyAudit, type AuditFilter } from './api.ts';
import { AuditDetail } from './AuditDetail.tsx';
import { ExportButton } from '../transfer/ExportButton.tsx';
import { ChainStatus } from './ChainStatus.tsx';

/** Actions offered in the filter; any other code can be typed (a trailing `.` or `*` matches a family such as `user.`). */
export const KNOWN_ACTIONS = [
  'auth.login', 'auth.logout', 'auth.lock', 'user.create', 'user.update', 'user.password_change', 'user.password_reset',
  'grant.add', 'grant.remove', 'token.create', 'token.revoke', 'resident.reveal',
];
/** Object types offered in the filter. */
export const KNOWN_OBJECT_TYPES = ['user', 'api_token', 'region', 'grid', 'compound', 'building', 'household', 'resident', 'organisation', 'position', 'pairing', 'import'];

interface FilterValues {
  actorName?: string;
  action?: string;
  objectType?: string;
  result?: 'success' | 'failure';
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** Turns the form into the API filter: a range end is exclusive, so the chosen minute is included. */
export function toFilter(v: FilterValues): AuditFilter {
  const action = v.action?.trim();
  const family = action && /[.*]$/.test(action) ? action.replace(/\*$/, '') : undefined;
  return {
    actorName: v.actorName?.trim() || undefined,
    action: family ? undefined : action || undefined,
    actionPrefix: family,
    objectType: v.objectType?.trim() || undefined,
    result: v.result,
    from: v.range?.[0] ? v.range[0].startOf('minute').toISOString() : undefined,
    to: v.range?.[1] ? v.range[1].startOf('minute').add(1, 'minute').toISOString() : undefined,
  };
}

/** The auditor's log viewer: filters, server paging, a detail drawer, and the hash-chain status. */
export default function AuditPage() {
  const t = useT();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<AuditView>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [chain, setChain] = useState<ChainReport | null>(null);
  const [verifying, setVerifying] = useState(true);
  const [open, setOpen] = useState<AuditView | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await searchAudit(filter, paging.page, paging.pageSize));
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [filter, paging, handleError]);

  const verify = useCallback(async () => {
    setVerifying(true);
    try {
      setChain(await verifyAudit());
    } catch (e) {
      handleError(e);
    } finally {
      setVerifying(false);
    }
  }, [handleError]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void verify();
  }, [verify]);

  const actionLabel = (a: string) => t.dyn(`audit.action.${a}`, a);
  const typeLabel = (o: string) => t.dyn(`audit.objectType.${o}`, o);

  const columns: TableColumnsType<AuditView> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', key: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_: unknown, e) => (
        <Flex vertical>
          <span>{e.actorName}</span>
          {e.actorRoles && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.actorRoles}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: t('audit.action'),
      key: 'action',
      render: (_: unknown, e) => (
        <Flex vertical>
          <span>{actionLabel(e.action)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.action}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('audit.object'),
      key: 'object',
      render: (_: unknown, e) => (e.objectType ? <span title={e.objectId ?? ''}>{typeLabel(e.objectType)}</span> : t('common.none')),
    },
    {
      title: t('audit.result'),
      dataIndex: 'result',
      key: 'result',
      width: 90,
      render: (r: string) => <Tag color={r === 'success' ? 'green' : 'red'}>{t(r === 'success' ? 'audit.result.success' : 'audit.result.failure')}</Tag>,
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', width: 130, render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('common.actions'),
      key: 'ops',
      width: 90,
      render: (_: unknown, e) => (
        <Button type="link" size="small" onClick={() => setOpen(e)} aria-label={t('audit.openDetail', { seq: e.seq })}>
          {t('common.detail')}
        </Button>
      ),
    },
  ];

  const apply = (v: FilterValues) => {
    setFilter(toFilter(v));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('page.audit')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>{t('common.refresh')}</Button>
          <ExportButton entity="audit" filters={{ ...filter }} />
        </Space>
      </Flex>
      <ChainStatus report={chain} loading={verifying} onVerify={() => void verify()} />
      <Card>
        <Form form={form} layout="vertical" onFinish={apply}>
          <Flex wrap gap={16} align="end">
            <Form.Item label={t('audit.actor')} name="actorName" style={{ marginBottom: 0, minWidth: 160 }}>
              <Input allowClear placeholder={t('audit.actorPlaceholder')} />
            </Form.Item>
            <Form.Item label={t('audit.action')} name="action" style={{ marginBottom: 0, minWidth: 200 }}>
              <AutoComplete
                allowClear
                placeholder={t('audit.actionPlaceholder')}
                options={KNOWN_ACTIONS.map((a) => ({ value: a, label: t('common.labelWithCode', { label: actionLabel(a), code: a }) }))}
                showSearch={{ filterOption: (input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase()) }}
              />
            </Form.Item>
            <Form.Item label={t('audit.objectType')} name="objectType" style={{ marginBottom: 0, minWidth: 160 }}>
              <AutoComplete
                allowClear
                placeholder={t('audit.objectTypePlaceholder')}
                options={KNOWN_OBJECT_TYPES.map((o) => ({ value: o, label: t('common.labelWithCode', { label: typeLabel(o), code: o }) }))}
                showSearch={{ filterOption: (input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase()) }}
              />
            </Form.Item>
            <Form.Item label={t('audit.result')} name="result" style={{ marginBottom: 0, minWidth: 120 }}>
              <Select
                allowClear
                placeholder={t('common.all')}
                options={[
                  { value: 'success', label: t('audit.result.success') },
                  { value: 'failure', label: t('audit.result.failure') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('audit.timeRange')} name="range" style={{ marginBottom: 0 }}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('common.search')}</Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  apply({});
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Flex>
        </Form>
      </Card>
      <Card>
        <Table<AuditView>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          scroll={{ x: 980 }}
          locale={{ emptyText: t('audit.empty') }}
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
      <AuditDetail entry={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
