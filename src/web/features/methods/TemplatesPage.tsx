import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Flex, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Page } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useAuth } from '../../app/auth.tsx';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { listTemplates, publishTemplate, type TemplateStatus, type TemplateView } from './api.ts';
import { StatusTag } from './StatusTag.tsx';

/** Every method template version the user may see: key, name, version, status, where it applies; new, copy, publish. */
export default function TemplatesPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const region = useRegion();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const handleError = useApiErrorHandler();
  const [filter, setFilter] = useState<{ key?: string; status?: TemplateStatus }>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<TemplateView>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listTemplates({ ...filter, ...paging }));
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [filter, paging, handleError]);
  useEffect(() => void load(), [load]);

  const editor = (v: TemplateView) => region.withRegion(`/methods/templates/${encodeURIComponent(v.key)}?version=${v.version}`);
  const publish = (v: TemplateView) =>
    modal.confirm({
      title: t('methods.editor.publishConfirm', { version: v.version }),
      content: t('methods.editor.publishBody'),
      okText: t('methods.list.publish'),
      onOk: async () => {
        try {
          await publishTemplate(v.id);
          void message.success(t('methods.list.published.ok', { name: lang === 'en' ? v.nameEn : v.nameZh, version: v.version }));
          await load();
        } catch (e) {
          handleError(e);
        }
      },
    });

  const columns: TableColumnsType<TemplateView> = [
    { title: t('methods.list.key'), dataIndex: 'key', key: 'key', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
    { title: t('methods.list.name'), key: 'name', render: (_, v) => <Link to={editor(v)}>{lang === 'en' ? v.nameEn : v.nameZh}</Link> },
    { title: t('methods.list.version'), dataIndex: 'version', key: 'version', align: 'right' },
    { title: t('methods.list.status'), dataIndex: 'status', key: 'status', render: (s: TemplateStatus) => <StatusTag status={s} /> },
    { title: t('methods.list.scope'), dataIndex: 'scopePath', key: 'scope', responsive: ['md'], render: (p: string) => (p === '/' ? t('methods.scope.national') : region.labelOfPath(p)) },
    { title: t('methods.list.created'), dataIndex: 'createdAt', key: 'created', responsive: ['lg'], render: (s: string) => s.slice(0, 16).replace('T', ' ') },
    {
      title: t('common.actions'), key: 'actions',
      render: (_, v) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => navigate(editor(v))}>{v.abilities.newVersion ? t('methods.list.copyVersion') : t('methods.list.open')}</Button>
          {can('method.manage') && (
            <Button size="small" onClick={() => navigate(region.withRegion(`/methods/new?from=${encodeURIComponent(v.key)}&version=${v.version}`))}>{t('methods.list.copyMethod')}</Button>
          )}
          {v.abilities.publish && <Button size="small" type="primary" ghost onClick={() => publish(v)}>{t('methods.list.publish')}</Button>}
        </Space>
      ),
    },
  ];

  const change = (p: Partial<typeof filter>) => {
    setFilter((f) => ({ ...f, ...p }));
    setPaging((x) => ({ ...x, page: 1 }));
  };
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('methods.page.templates')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>{t('common.refresh')}</Button>
          {can('method.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(region.withRegion('/methods/new'))}>{t('methods.list.new')}</Button>
          )}
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('methods.list.lead')}</Typography.Paragraph>
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 12 }}>
          <Input.Search aria-label={t('methods.list.searchKey')} placeholder={t('methods.list.searchKey')} allowClear style={{ width: 240 }} onSearch={(v) => change({ key: v.trim() || undefined })} />
          <Select aria-label={t('methods.list.status')} allowClear placeholder={t('methods.list.status')} style={{ width: 160 }} value={filter.status}
            options={(['draft', 'published', 'retired'] as const).map((s) => ({ value: s, label: t.dyn(`methods.status.${s}`, s) }))}
            onChange={(s?: TemplateStatus) => change({ status: s })} />
        </Flex>
        <Table<TemplateView>
          rowKey="id"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('methods.list.empty') }}
          pagination={{ current: paging.page, pageSize: paging.pageSize, total: data.total, showTotal: (n) => t('common.total', { n }), onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        />
      </Card>
    </Flex>
  );
}
